package dev.junction.protocol.rooms;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * A live room on this node: its code, who holds the code in the directory, and its grace
 * timer. Guarded by its own monitor; see {@link RoomRegistry}. Members, fan-out and the
 * broker subscription belong to the channel hub.
 */
final class Room {

	final String code;

	final String owner;

	@Nullable Disposable graceTimer;

	/** Joins under way: a room is not deleted while someone is joining it. */
	int joining;

	boolean deleted;

	Room(String code, String owner) {
		this.code = code;
		this.owner = owner;
	}

	String channel() {
		return RoomRegistry.CHANNEL_PREFIX + this.code;
	}

}
