/**
 * Junction's observability package.
 */
@NullMarked
package dev.junction.observability;

import org.jspecify.annotations.NullMarked;
