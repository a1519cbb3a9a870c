package dev.junction.protocol.signaling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signaling protocol's live counts and running totals, reported by
 * {@code GET /metrics} in the original signaling server's shape.
 */
final class SignalingCounters {

	private final AtomicLong rooms = new AtomicLong();

	private final AtomicLong peers = new AtomicLong();

	private final Map<String, Long> roles = new LinkedHashMap<>();

	private final AtomicLong registrations = new AtomicLong();

	private final AtomicLong messages = new AtomicLong();

	private final AtomicLong roomsCreated = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	/**
	 * Rooms with registered peers.
	 * @return the live count
	 */
	AtomicLong rooms() {
		return this.rooms;
	}

	/**
	 * Registered peers.
	 * @return the live count
	 */
	AtomicLong peers() {
		return this.peers;
	}

	/**
	 * Count a peer in or out of a role. A role whose count drops to zero is forgotten, so
	 * it is listed after the others when it gets peers again.
	 * @param role the role
	 * @param delta {@code 1} or {@code -1}
	 */
	void countRole(String role, int delta) {
		synchronized (this.roles) {
			long count = this.roles.getOrDefault(role, 0L) + delta;
			if (count > 0) {
				this.roles.put(role, count);
			}
			else {
				this.roles.remove(role);
			}
		}
	}

	/**
	 * Registered peers by role: only roles that have peers, in the order each was first
	 * seen among the current peers.
	 * @return a copy of the live counts
	 */
	Map<String, Long> peersByRole() {
		synchronized (this.roles) {
			return new LinkedHashMap<>(this.roles);
		}
	}

	/**
	 * Successful registrations since start.
	 * @return the running total
	 */
	AtomicLong registrations() {
		return this.registrations;
	}

	/**
	 * Successful forwards and deliveries since start.
	 * @return the running total
	 */
	AtomicLong messages() {
		return this.messages;
	}

	/**
	 * Rooms created with {@code POST /create-room} since start.
	 * @return the running total
	 */
	AtomicLong roomsCreated() {
		return this.roomsCreated;
	}

	/**
	 * Legacy {@code offer}, {@code answer} and {@code candidate} messages dropped without
	 * a reply (unregistered sender, unknown target, another room) since start.
	 * @return the running total
	 */
	AtomicLong dropped() {
		return this.dropped;
	}

}
