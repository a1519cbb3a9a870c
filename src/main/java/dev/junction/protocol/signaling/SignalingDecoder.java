package dev.junction.protocol.signaling;

import dev.junction.protocol.signaling.SignalingMessage.DiscoverPeers;
import dev.junction.protocol.signaling.SignalingMessage.Forward;
import dev.junction.protocol.signaling.SignalingMessage.Ignored;
import dev.junction.protocol.signaling.SignalingMessage.Mesh;
import dev.junction.protocol.signaling.SignalingMessage.PeerMessage;
import dev.junction.protocol.signaling.SignalingMessage.Ping;
import dev.junction.protocol.signaling.SignalingMessage.Refused;
import dev.junction.protocol.signaling.SignalingMessage.Register;
import dev.junction.protocol.signaling.SignalingMessage.UpdateMetadata;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a signaling frame into a {@link SignalingMessage}. Never throws. A field counts
 * as missing the way the original server's {@code not value} test saw it: absent,
 * {@code null}, {@code ""}, {@code false}, {@code 0} or an empty object or array.
 */
final class SignalingDecoder {

	private final ObjectMapper mapper;

	SignalingDecoder(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	SignalingMessage decode(byte[] utf8) {
		JsonNode node;
		try {
			node = this.mapper.readTree(utf8);
		}
		catch (JacksonException ex) {
			return new Refused(SignalingErrors.INVALID_JSON);
		}
		if (node == null || !node.isObject()) {
			return new Refused(SignalingErrors.INVALID_JSON);
		}
		ObjectNode message = (ObjectNode) node;
		JsonNode type = message.get("type");
		if (type == null || !type.isString()) {
			return new Refused(SignalingErrors.unknownType(pythonText(type)));
		}
		return switch (type.stringValue()) {
			case "register" -> register(message);
			case "discover_peers" -> new DiscoverPeers(id(message.get("from_peer_id")), object(message, "filters"));
			case "update_metadata" -> updateMetadata(message);
			case "peer_message" -> peerMessage(message);
			case "offer", "answer", "candidate" -> forward(message);
			case "mesh_connect" -> mesh(message, "mesh_offer", "offer");
			case "mesh_answer" -> mesh(message, "mesh_answer", "answer");
			case "ice_candidate" -> mesh(message, "ice_candidate", "candidate");
			case "ping" -> new Ping();
			case "pong" -> new Ignored();
			default -> new Refused(SignalingErrors.unknownType(type.stringValue()));
		};
	}

	private SignalingMessage register(ObjectNode message) {
		String peerId = string(message.get("peer_id"));
		String roomId = string(message.get("room_id"));
		String roomToken = string(message.get("token"));
		String userToken = string(message.get("id_token"));
		if (userToken == null) {
			userToken = string(message.get("jwt"));
		}
		if (peerId == null || roomId == null || roomToken == null || userToken == null) {
			return new Refused(SignalingErrors.MISSING_REGISTRATION_FIELDS);
		}
		JsonNode role = message.get("role");
		JsonNode admin = message.get("is_admin");
		return new Register(peerId, roomId, roomToken, userToken,
				(role != null && role.isString()) ? role.stringValue() : "peer", object(message, "metadata"),
				admin != null && admin.isBoolean() && admin.booleanValue());
	}

	private SignalingMessage updateMetadata(ObjectNode message) {
		String peerId = id(message.get("peer_id"));
		JsonNode metadata = message.get("metadata");
		if (peerId == null || metadata == null || !metadata.isObject() || metadata.isEmpty()) {
			return new Refused(SignalingErrors.METADATA_FIELDS);
		}
		return new UpdateMetadata(peerId, (ObjectNode) metadata);
	}

	private SignalingMessage peerMessage(ObjectNode message) {
		String from = id(message.get("from_peer_id"));
		String to = id(message.get("to_peer_id"));
		JsonNode payload = message.get("payload");
		if (from == null || to == null || isMissing(payload)) {
			return new Refused(SignalingErrors.PEER_MESSAGE_FIELDS);
		}
		return new PeerMessage(from, to, payload);
	}

	private SignalingMessage forward(ObjectNode message) {
		String sender = id(message.get("sender"));
		String target = id(message.get("target"));
		if (sender == null || target == null) {
			return new Ignored();
		}
		return new Forward(sender, target, message);
	}

	private SignalingMessage mesh(ObjectNode message, String type, String field) {
		String from = id(message.get("from_peer_id"));
		String target = id(message.get("target_peer_id"));
		JsonNode value = message.get(field);
		if (from == null || target == null || isMissing(value)) {
			return new Refused(SignalingErrors.meshFields(field));
		}
		return new Mesh(type, field, from, target, value);
	}

	private ObjectNode object(ObjectNode message, String field) {
		JsonNode value = message.get(field);
		return (value != null && value.isObject()) ? (ObjectNode) value : this.mapper.createObjectNode();
	}

	/**
	 * A required string: absent, {@code null}, empty or not a string is missing.
	 */
	private static @Nullable String string(@Nullable JsonNode node) {
		return (node != null && node.isString() && !node.stringValue().isEmpty()) ? node.stringValue() : null;
	}

	/**
	 * An id that is not validated for type: missing when falsy, else its text.
	 */
	private static @Nullable String id(@Nullable JsonNode node) {
		if (node == null || isMissing(node)) {
			return null;
		}
		return node.isString() ? node.stringValue() : node.toString();
	}

	static boolean isMissing(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return true;
		}
		if (node.isString()) {
			return node.stringValue().isEmpty();
		}
		if (node.isBoolean()) {
			return !node.booleanValue();
		}
		if (node.isNumber()) {
			return node.decimalValue().signum() == 0;
		}
		return node.isContainer() && node.isEmpty();
	}

	/**
	 * How the original server printed a non-string {@code type}: Python's {@code str()}.
	 */
	private static String pythonText(@Nullable JsonNode type) {
		if (type == null || type.isNull()) {
			return "None";
		}
		if (type.isBoolean()) {
			return type.booleanValue() ? "True" : "False";
		}
		return type.toString();
	}

}
