/**
 * Junction's security package.
 */
@NullMarked
package dev.junction.security;

import org.jspecify.annotations.NullMarked;
