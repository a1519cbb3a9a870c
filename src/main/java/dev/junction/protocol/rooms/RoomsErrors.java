package dev.junction.protocol.rooms;

import dev.junction.core.ReplyError;

/**
 * The rooms protocol's reply errors: sent as {@code error} messages while the connection
 * stays open.
 */
final class RoomsErrors {

	/** The code is not a live room (or the client is over its failed-join limit). */
	static final ReplyError ROOM_NOT_FOUND = new ReplyError("Room not found", "ROOM_NOT_FOUND", null);

	/** The room has as many members as the node allows. */
	static final ReplyError ROOM_FULL = new ReplyError("Room is full", "ROOM_FULL", null);

	/** The node has as many rooms as it allows. */
	static final ReplyError ROOM_LIMIT = new ReplyError("Too many rooms", "ROOM_LIMIT", null);

	/**
	 * {@code create_room} with a token bound to a room (its {@code room} claim), which
	 * may only join that room. The generic rooms error, so that deployed clients show it
	 * as they show any refused command.
	 */
	static final ReplyError CREATE_WITH_ROOM_TOKEN = invalidMessageFormat(
			"create_room is not allowed with a token bound to a room");

	private RoomsErrors() {
	}

	/**
	 * A frame that is not a JSON object, or a command with missing or mistyped fields.
	 * @param details why the frame was refused
	 * @return the error
	 */
	static ReplyError invalidMessageFormat(String details) {
		return new ReplyError("Invalid message format", null, details);
	}

}
