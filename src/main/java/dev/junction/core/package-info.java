/**
 * Junction's core package.
 */
@NullMarked
package dev.junction.core;

import org.jspecify.annotations.NullMarked;
