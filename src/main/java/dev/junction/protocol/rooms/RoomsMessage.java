package dev.junction.protocol.rooms;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A text frame from a rooms client, decoded once at the edge.
 */
sealed interface RoomsMessage {

	/**
	 * {@code create_room}.
	 *
	 * @param member who creates it
	 */
	record CreateRoom(Member member) implements RoomsMessage {
	}

	/**
	 * {@code join_room}, with the code as sent (not yet upper-cased).
	 *
	 * @param roomCode the code
	 * @param member who joins
	 */
	record JoinRoom(String roomCode, Member member) implements RoomsMessage {
	}

	/**
	 * {@code leave_room}.
	 */
	record LeaveRoom() implements RoomsMessage {
	}

	/**
	 * Any other JSON object, to be forwarded to the room.
	 *
	 * @param message the object as sent
	 */
	record Relay(ObjectNode message) implements RoomsMessage {
	}

	/**
	 * A frame that is not a JSON object, or a command with missing or mistyped fields.
	 *
	 * @param details why, for the error reply
	 */
	record Invalid(String details) implements RoomsMessage {
	}

	/**
	 * A member as its client describes itself; either value may be absent.
	 *
	 * @param userId the {@code user_id}, or {@code null}
	 * @param displayName the {@code display_name}, or {@code null}
	 */
	record Member(@Nullable String userId, @Nullable String displayName) {
	}

}
