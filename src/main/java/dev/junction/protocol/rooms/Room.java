package dev.junction.protocol.rooms;

import java.util.HashMap;
import java.util.Map;

import dev.junction.core.Group;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * A live room on this node: its fan-out group and local members. Guarded by its own
 * monitor; see {@link RoomRegistry}.
 */
final class Room {

	final String code;

	final Group group;

	final Map<String, Disposable> subscriptions = new HashMap<>();

	@Nullable Disposable brokerSubscription;

	@Nullable Disposable graceTimer;

	boolean deleted;

	Room(String code) {
		this.code = code;
		this.group = new Group("rooms", code);
	}

	String channel() {
		return RoomRegistry.CHANNEL_PREFIX + this.code;
	}

}
