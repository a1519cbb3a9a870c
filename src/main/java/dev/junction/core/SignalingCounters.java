package dev.junction.core;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The signaling protocol's live counts and running totals, reported by
 * {@code GET /metrics} in the original signaling server's shape.
 */
public final class SignalingCounters {

	private final AtomicLong rooms = new AtomicLong();

	private final AtomicLong peers = new AtomicLong();

	private final AtomicLong workers = new AtomicLong();

	private final AtomicLong clients = new AtomicLong();

	private final AtomicLong plainPeers = new AtomicLong();

	private final AtomicLong registrations = new AtomicLong();

	private final AtomicLong messages = new AtomicLong();

	private final AtomicLong roomsCreated = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	/**
	 * Rooms with registered peers.
	 * @return the live count
	 */
	public AtomicLong rooms() {
		return this.rooms;
	}

	/**
	 * Registered peers.
	 * @return the live count
	 */
	public AtomicLong peers() {
		return this.peers;
	}

	/**
	 * Registered peers of one role; other roles than {@code worker}, {@code client} and
	 * {@code peer} are not counted by role.
	 * @param role the role
	 * @return the live count, or {@code null} for another role
	 */
	public @Nullable AtomicLong peersByRole(String role) {
		return switch (role) {
			case "worker" -> this.workers;
			case "client" -> this.clients;
			case "peer" -> this.plainPeers;
			default -> null;
		};
	}

	/**
	 * Successful registrations since start.
	 * @return the running total
	 */
	public AtomicLong registrations() {
		return this.registrations;
	}

	/**
	 * Successful forwards and deliveries since start.
	 * @return the running total
	 */
	public AtomicLong messages() {
		return this.messages;
	}

	/**
	 * Rooms created with {@code POST /create-room} since start.
	 * @return the running total
	 */
	public AtomicLong roomsCreated() {
		return this.roomsCreated;
	}

	/**
	 * Legacy {@code offer}, {@code answer} and {@code candidate} messages dropped without
	 * a reply (unregistered sender, unknown target, another room) since start.
	 * @return the running total
	 */
	public AtomicLong dropped() {
		return this.dropped;
	}

}
