package dev.junction.protocol.pairs;

import java.util.EnumMap;
import java.util.Map;

import dev.junction.core.Connection;

/**
 * One pairs session as this node holds it: the slots of its parties on this node, at most
 * one socket per client type. Their messages cross the session's channel, which every
 * node shares, to the parties on any node. Guarded by its own monitor; see
 * {@link PairRegistry}.
 */
final class PairSession {

	final String id;

	final String publicId;

	/** The session's owner claim in the cluster ({@link PairClaims#ownerOf}). */
	final String owner;

	final Map<ClientType, Slot> slots = new EnumMap<>(ClientType.class);

	volatile long lastActivity;

	boolean closed;

	private final String channel;

	PairSession(String id, String publicId, String owner, long now) {
		this.channel = PairRegistry.channel(id);
		this.id = id;
		this.publicId = publicId;
		this.owner = owner;
		this.lastActivity = now;
	}

	String channel() {
		return this.channel;
	}

	boolean hasDesktopSide() {
		return this.slots.keySet().stream().anyMatch(ClientType::isDesktopSide);
	}

	/**
	 * A client type's socket.
	 *
	 * @param connection the socket
	 */
	record Slot(Connection connection) {
	}

}
