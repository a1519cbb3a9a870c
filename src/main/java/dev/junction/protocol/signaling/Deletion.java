package dev.junction.protocol.signaling;

/**
 * What {@code POST /delete-peer} did.
 */
enum Deletion {

	/** Removed; its room has no peers left. */
	ROOM_DELETED,

	/** Removed; its room has other peers. */
	ROOM_ACTIVE,

	/** Nobody holds the peer id. */
	ALREADY_REMOVED,

	/** The requester's token is not the peer's. */
	FORBIDDEN

}
