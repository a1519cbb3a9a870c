package dev.junction.protocol.signaling;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The rooms that have registered peers on this node, each with its admin. An emptied
 * room's live state is dropped; its id and token stay valid in {@link SignalingRooms}.
 * Used only under the {@link PeerRegistry}'s lock.
 */
final class LiveRooms {

	private final Map<String, LiveRoom> rooms = new HashMap<>();

	private final SignalingCounters counters;

	LiveRooms(SignalingCounters counters) {
		this.counters = counters;
	}

	/**
	 * A peer enters a room, which becomes live if it was not.
	 * @param roomId the room
	 * @param peerId the peer
	 * @param wantsAdmin whether the peer asked to be the admin
	 * @return the room's other admin when the peer asked in vain, else {@code null}
	 */
	@Nullable String enter(String roomId, String peerId, boolean wantsAdmin) {
		LiveRoom room = this.rooms.computeIfAbsent(roomId, (id) -> {
			this.counters.rooms().incrementAndGet();
			return new LiveRoom();
		});
		if (!wantsAdmin) {
			return null;
		}
		if (room.admin == null) {
			room.admin = peerId;
			return null;
		}
		return room.admin.equals(peerId) ? null : room.admin;
	}

	@Nullable String admin(String roomId) {
		LiveRoom room = this.rooms.get(roomId);
		return (room != null) ? room.admin : null;
	}

	/**
	 * A peer left a room; an admin that leaves leaves the room without one.
	 * @param roomId the room
	 * @param peerId the peer
	 * @param empty whether nobody is left
	 */
	void left(String roomId, String peerId, boolean empty) {
		LiveRoom room = this.rooms.get(roomId);
		if (room == null) {
			return;
		}
		if (peerId.equals(room.admin)) {
			room.admin = null;
		}
		if (empty) {
			this.rooms.remove(roomId);
			this.counters.rooms().decrementAndGet();
		}
	}

	boolean contains(String roomId) {
		return this.rooms.containsKey(roomId);
	}

	private static final class LiveRoom {

		@Nullable String admin;

	}

}
