/**
 * The cluster seams on Redis 7.0 or newer, through Lettuce: pub/sub carries publications,
 * a stream per node carries tunnel pipes, and Lua scripts keep each change of presence,
 * the directory and the expiring store atomic. Every key and pub/sub channel starts with
 * the configured key prefix, so clusters can share one Redis.
 */
@NullMarked
package dev.junction.cluster.redis;

import org.jspecify.annotations.NullMarked;
