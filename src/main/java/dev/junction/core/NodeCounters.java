package dev.junction.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's state, live group counts and running totals, shared by the JSON health
 * document and the meters so that both always tell the same numbers.
 */
public final class NodeCounters {

	private final AtomicLong rooms = new AtomicLong();

	private final AtomicLong sessions = new AtomicLong();

	private final AtomicLong topics = new AtomicLong();

	private final AtomicLong peers = new AtomicLong();

	private final AtomicLong messages = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final SignalingCounters signaling = new SignalingCounters();

	public AtomicLong rooms() {
		return this.rooms;
	}

	public AtomicLong sessions() {
		return this.sessions;
	}

	public AtomicLong topics() {
		return this.topics;
	}

	public AtomicLong peers() {
		return this.peers;
	}

	public AtomicLong messages() {
		return this.messages;
	}

	/**
	 * The signaling protocol's counters, the {@code GET /metrics} document.
	 * @return the signaling counters
	 */
	public SignalingCounters signaling() {
		return this.signaling;
	}

	/**
	 * Whether the node is shutting down: it accepts no new connections.
	 * @return the draining flag
	 */
	public AtomicBoolean draining() {
		return this.draining;
	}

}
