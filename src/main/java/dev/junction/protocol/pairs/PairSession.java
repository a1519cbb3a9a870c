package dev.junction.protocol.pairs;

import java.util.EnumMap;
import java.util.Map;

import dev.junction.core.Connection;
import dev.junction.core.Group;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * One pairs session: at most one socket per client type, and the group their messages
 * cross. Guarded by its own monitor; see {@link PairRegistry}.
 */
final class PairSession {

	final String id;

	final String publicId;

	/** The subject of the first party, or {@code null} when the session has no owner. */
	final @Nullable String owner;

	final Group group;

	final Map<ClientType, Slot> slots = new EnumMap<>(ClientType.class);

	@Nullable Disposable brokerSubscription;

	volatile long lastActivity;

	boolean closed;

	PairSession(String id, String publicId, @Nullable String owner, long now) {
		this.id = id;
		this.publicId = publicId;
		this.owner = owner;
		this.group = new Group("pairs", id);
		this.lastActivity = now;
	}

	String channel() {
		return "pairs:" + this.id;
	}

	boolean hasDesktopSide() {
		return this.slots.keySet().stream().anyMatch(ClientType::isDesktopSide);
	}

	/**
	 * A client type's socket and its group subscription.
	 *
	 * @param connection the socket
	 * @param subscription its subscription to the session's group
	 */
	record Slot(Connection connection, Disposable subscription) {
	}

}
