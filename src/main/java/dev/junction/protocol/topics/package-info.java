/**
 * Junction's topics package.
 */
@NullMarked
package dev.junction.protocol.topics;

import org.jspecify.annotations.NullMarked;
