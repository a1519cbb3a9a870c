/**
 * Junction's rooms package.
 */
@NullMarked
package dev.junction.protocol.rooms;

import org.jspecify.annotations.NullMarked;
