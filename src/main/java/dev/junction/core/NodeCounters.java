package dev.junction.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's state and running totals, shared by the JSON health document and the meters
 * so that both always tell the same numbers. Each protocol keeps its own live counts.
 */
public final class NodeCounters {

	private final AtomicLong messages = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	/**
	 * Messages received from clients since start-up.
	 * @return the message count
	 */
	public AtomicLong messages() {
		return this.messages;
	}

	/**
	 * Whether the node is shutting down: it accepts no new connections.
	 * @return the draining flag
	 */
	public AtomicBoolean draining() {
		return this.draining;
	}

}
