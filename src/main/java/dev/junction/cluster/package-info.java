/**
 * The cluster seams: what a node shares with the other nodes, as interfaces that answer
 * asynchronously and never block an event loop. {@link dev.junction.cluster.Broker}
 * carries encoded frames between nodes, {@link dev.junction.cluster.Presence} lists who
 * is in which group, {@link dev.junction.cluster.Directory} says who holds a name, and
 * {@link dev.junction.cluster.ExpiringStore} keeps small records for a time. Each has an
 * abstract contract test suite that every implementation passes; the single-node ones
 * live in {@code memory}.
 */
@NullMarked
package dev.junction.cluster;

import org.jspecify.annotations.NullMarked;
