package dev.junction.protocol.signaling;

import dev.junction.core.ReplyError;

/**
 * Every reply error of the signaling protocol, with the exact texts clients match on.
 * Registration errors have no code and travel as {@code reason}; the others travel as
 * {@code code} and {@code message}.
 */
final class SignalingErrors {

	static final ReplyError MISSING_REGISTRATION_FIELDS = new ReplyError("Missing required fields during registration.",
			null, null);

	static final ReplyError INVALID_USER_TOKEN = new ReplyError("Invalid token", "Invalid token", null);

	static final ReplyError ROOM_NOT_FOUND = new ReplyError("Room not found", null, null);

	static final ReplyError INVALID_ROOM_TOKEN = new ReplyError("Invalid token", null, null);

	static final ReplyError ROOM_EXPIRED = new ReplyError("Room expired", null, null);

	static final ReplyError ROLE_NOT_ALLOWED = new ReplyError("Role not allowed", null, null);

	static final ReplyError PEER_ID_IN_USE = new ReplyError("Peer ID already in use", null, null);

	static final ReplyError INVALID_JSON = new ReplyError("Invalid JSON format", "INVALID_JSON", null);

	static final ReplyError SENDER_MISMATCH = new ReplyError("Messages must come from the registered peer",
			"SENDER_MISMATCH", null);

	static final ReplyError METADATA_FIELDS = new ReplyError("Missing required fields: peer_id, metadata",
			"INVALID_MESSAGE", null);

	static final ReplyError PEER_MESSAGE_FIELDS = new ReplyError(
			"Missing required fields: from_peer_id, to_peer_id, payload", "INVALID_MESSAGE", null);

	static final ReplyError PEER_NOT_IN_ROOM = new ReplyError("Peer not in any room", "NOT_IN_ROOM", null);

	static final ReplyError SENDER_NOT_IN_ROOM = new ReplyError("Sender not in any room", "NOT_IN_ROOM", null);

	private SignalingErrors() {
	}

	static ReplyError unknownType(String type) {
		return new ReplyError("Unknown message type: " + type, "UNKNOWN_MESSAGE_TYPE", null);
	}

	static ReplyError unknownOperator(String operator) {
		return new ReplyError("Unknown operator: " + operator, "INVALID_FILTER", null);
	}

	static ReplyError targetNotInRoom(String peerId) {
		return new ReplyError("Target peer " + peerId + " not in same room", "PEER_NOT_IN_ROOM", null);
	}

	static ReplyError deliveryFailed(String peerId) {
		return new ReplyError("Failed to deliver message to " + peerId, "DELIVERY_FAILED", null);
	}

	static ReplyError targetNotFound(String peerId) {
		return new ReplyError("Target peer " + peerId + " not found", "PEER_NOT_FOUND", null);
	}

	static ReplyError meshFields(String payloadField) {
		return new ReplyError("Missing required fields: from_peer_id, target_peer_id, " + payloadField,
				"INVALID_MESSAGE", null);
	}

}
