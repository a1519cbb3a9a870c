package dev.junction.protocol.pairs;

import java.util.EnumMap;
import java.util.Map;

import dev.junction.core.Connection;
import dev.junction.core.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * One pairs session: at most one socket per client type. Their messages cross the
 * session's channel. Guarded by its own monitor; see {@link PairRegistry}.
 */
final class PairSession {

	final String id;

	final String publicId;

	/** The subject of the first party, or {@code null} when the session has no owner. */
	final @Nullable String owner;

	final Map<ClientType, Slot> slots = new EnumMap<>(ClientType.class);

	volatile long lastActivity;

	boolean closed;

	private final String channel;

	/**
	 * Create a session.
	 * @param node the node that holds it: a session's channel is this node's own, since a
	 * session's ownership is kept on the node (its parties meet on one node)
	 */
	PairSession(String id, String publicId, @Nullable String owner, long now, NodeId node) {
		this.channel = "pairs:" + node.value() + ":" + id;
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
