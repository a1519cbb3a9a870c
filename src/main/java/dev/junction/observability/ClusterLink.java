package dev.junction.observability;

import org.jspecify.annotations.Nullable;

/**
 * This node's link to the cluster's shared state, as far as readiness is concerned. Only
 * a node that shares state with others has one.
 */
public interface ClusterLink {

	/**
	 * Whether the node reaches the cluster's shared state and receives what other nodes
	 * send it.
	 * @return {@code true} when it does
	 */
	boolean up();

	/**
	 * Why the link is down.
	 * @return the reason, {@code null} while it is up
	 */
	@Nullable String reason();

}
