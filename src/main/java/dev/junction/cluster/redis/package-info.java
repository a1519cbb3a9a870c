/**
 * The cluster seams on Redis, through Lettuce's non-blocking API.
 */
@NullMarked
package dev.junction.cluster.redis;

import org.jspecify.annotations.NullMarked;
