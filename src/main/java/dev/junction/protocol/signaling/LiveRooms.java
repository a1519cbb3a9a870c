package dev.junction.protocol.signaling;

import java.util.HashSet;
import java.util.Set;

/**
 * The rooms that have registered peers on this node, for the rooms count. An emptied
 * room's live state is dropped; its id and token stay valid in {@link SignalingRooms},
 * and its admin is kept cluster-wide by {@link RoomAdmins}. Used only under the
 * {@link PeerRegistry}'s lock.
 */
final class LiveRooms {

	private final Set<String> rooms = new HashSet<>();

	private final SignalingCounters counters;

	LiveRooms(SignalingCounters counters) {
		this.counters = counters;
	}

	/**
	 * A peer enters a room, which becomes live if it was not.
	 */
	void enter(String roomId) {
		if (this.rooms.add(roomId)) {
			this.counters.rooms().incrementAndGet();
		}
	}

	/**
	 * A peer left a room.
	 * @param empty whether nobody is left
	 */
	void left(String roomId, boolean empty) {
		if (empty && this.rooms.remove(roomId)) {
			this.counters.rooms().decrementAndGet();
		}
	}

	boolean contains(String roomId) {
		return this.rooms.contains(roomId);
	}

}
