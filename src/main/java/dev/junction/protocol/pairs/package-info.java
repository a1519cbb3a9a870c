/**
 * Junction's pairs package.
 */
@NullMarked
package dev.junction.protocol.pairs;

import org.jspecify.annotations.NullMarked;
