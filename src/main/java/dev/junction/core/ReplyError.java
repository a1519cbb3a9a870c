package dev.junction.core;

import org.jspecify.annotations.Nullable;

/**
 * An error reported to the client as a protocol message while its connection stays open.
 * Every reply error Junction sends is defined here; each protocol decides how it is
 * shaped on the wire. A {@link CloseReason} is the other outcome, one that ends the
 * connection.
 *
 * @param message the human-readable error text clients display or match on
 * @param code a machine-readable code, or {@code null} where the protocol has none
 * @param details why the input was refused, or {@code null}
 */
public record ReplyError(String message, @Nullable String code, @Nullable String details) {

	/**
	 * rooms: the code is not a live room (or the client is over its failed-join limit).
	 */
	public static final ReplyError ROOM_NOT_FOUND = new ReplyError("Room not found", "ROOM_NOT_FOUND", null);

	/** rooms: the room has as many members as the node allows. */
	public static final ReplyError ROOM_FULL = new ReplyError("Room is full", "ROOM_FULL", null);

	/** rooms: the node has as many rooms as it allows. */
	public static final ReplyError ROOM_LIMIT = new ReplyError("Too many rooms", "ROOM_LIMIT", null);

	/**
	 * rooms: {@code create_room} with a token bound to a room (its {@code room} claim),
	 * which may only join that room. The contract's generic rooms error, so that deployed
	 * clients show it as they show any refused command.
	 */
	public static final ReplyError CREATE_WITH_ROOM_TOKEN = invalidMessageFormat(
			"create_room is not allowed with a token bound to a room");

	/** pairs: a desktop-side message found no mobile to receive it. */
	public static final ReplyError MOBILE_NOT_CONNECTED = new ReplyError("Mobile device not connected", null, null);

	/** pairs: a mobile message found no desktop-side socket to receive it. */
	public static final ReplyError DESKTOP_NOT_CONNECTED = new ReplyError("Desktop not connected", null, null);

	/**
	 * rooms: a frame that is not a JSON object, or a command with missing or mistyped
	 * fields.
	 * @param details why the frame was refused
	 * @return the error
	 */
	public static ReplyError invalidMessageFormat(String details) {
		return new ReplyError("Invalid message format", null, details);
	}

	/**
	 * pairs: a frame over the protocol's message limit, dropped.
	 * @param size the frame's size in bytes
	 * @param max the limit in bytes
	 * @return the error
	 */
	public static ReplyError messageTooLarge(long size, long max) {
		return new ReplyError("Message too large (" + size + " bytes, max " + max + ")", null, null);
	}

}
