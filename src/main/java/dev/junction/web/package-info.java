/**
 * Junction's web package.
 */
@NullMarked
package dev.junction.web;

import org.jspecify.annotations.NullMarked;
