/**
 * The cluster seams for a single node: every call answers at once, from this node's
 * memory, with an already completed {@code Mono}.
 */
@NullMarked
package dev.junction.cluster.memory;

import org.jspecify.annotations.NullMarked;
