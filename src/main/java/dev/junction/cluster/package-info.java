/**
 * Junction's cluster package.
 */
@NullMarked
package dev.junction.cluster;

import org.jspecify.annotations.NullMarked;
