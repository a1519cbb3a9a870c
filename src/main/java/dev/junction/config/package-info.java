/**
 * Junction's config package.
 */
@NullMarked
package dev.junction.config;

import org.jspecify.annotations.NullMarked;
