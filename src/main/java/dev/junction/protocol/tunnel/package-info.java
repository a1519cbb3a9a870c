/**
 * Junction's tunnel package.
 */
@NullMarked
package dev.junction.protocol.tunnel;

import org.jspecify.annotations.NullMarked;
