package dev.junction.protocol.signaling;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.core.Frame;
import dev.junction.core.ReplyError;
import dev.junction.protocol.signaling.SignalingOptions.IceServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes what the server sends to signaling clients, compact and with keys in the order
 * of docs/signaling.md. A directed message is encoded once and handed to its target as
 * bytes.
 */
final class SignalingEncoder {

	private static final Frame PING = Frame.text("{\"type\":\"ping\"}");

	private static final Frame PONG = Frame.text("{\"type\":\"pong\"}");

	private final ObjectMapper mapper;

	SignalingEncoder(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	Frame ping() {
		return PING;
	}

	Frame pong() {
		return PONG;
	}

	Frame registered(String roomId, String roomToken, String peerId, List<String> peerList,
			Map<String, JsonNode> peerMetadata, @Nullable String adminPeerId, List<IceServer> iceServers) {
		return encode(new Registered("registered_auth", roomId, roomToken, peerId, peerList, peerMetadata, adminPeerId,
				iceServers));
	}

	Frame adminConflict(String roomId, String currentAdmin) {
		return encode(new AdminConflict("admin_conflict", roomId, currentAdmin));
	}

	Frame peerList(String toPeerId, List<PeerView> peers) {
		return encode(new PeerList("peer_list", toPeerId, peers, peers.size()));
	}

	Frame metadataUpdated(String peerId, ObjectNode metadata) {
		return encode(new MetadataUpdated("metadata_updated", peerId, metadata));
	}

	Frame peerMessage(String fromPeerId, String toPeerId, JsonNode payload) {
		return encode(new PeerMessage("peer_message", fromPeerId, toPeerId, payload));
	}

	Frame mesh(String type, String fromPeerId, String field, JsonNode value) {
		ObjectNode message = this.mapper.createObjectNode();
		message.put("type", type);
		message.put("from_peer_id", fromPeerId);
		message.set(field, value);
		return encode(message);
	}

	Frame forward(ObjectNode message) {
		return encode(message);
	}

	/**
	 * A registration error ({@code reason}, and {@code error} for a bad user token) or a
	 * coded error ({@code code} and {@code message}).
	 */
	Frame error(ReplyError error) {
		if (SignalingErrors.INVALID_USER_TOKEN.equals(error)) {
			return encode(new TokenError("error", error.message(), error.message()));
		}
		if (error.code() == null) {
			return encode(new ReasonError("error", error.message()));
		}
		return encode(new CodedError("error", error.code(), error.message()));
	}

	private Frame encode(Object message) {
		return Frame.text(this.mapper.writeValueAsBytes(message));
	}

	/**
	 * One peer as {@code peer_list} shows it.
	 *
	 * @param peerId the id
	 * @param role the role
	 * @param metadata the stored metadata
	 * @param connectedAt the registration time, epoch seconds
	 */
	record PeerView(@JsonProperty("peer_id") String peerId, String role, JsonNode metadata,
			@JsonProperty("connected_at") BigDecimal connectedAt) {
	}

	record Registered(String type, @JsonProperty("room_id") String roomId, String token,
			@JsonProperty("peer_id") String peerId, @JsonProperty("peer_list") List<String> peerList,
			@JsonProperty("peer_metadata") Map<String, JsonNode> peerMetadata,
			@JsonProperty("admin_peer_id") @Nullable String adminPeerId,
			@JsonProperty("ice_servers") List<IceServer> iceServers) {
	}

	record AdminConflict(String type, @JsonProperty("room_id") String roomId,
			@JsonProperty("current_admin") String currentAdmin) {
	}

	record PeerList(String type, @JsonProperty("to_peer_id") String toPeerId, List<PeerView> peers, int count) {
	}

	record MetadataUpdated(String type, @JsonProperty("peer_id") String peerId, JsonNode metadata) {
	}

	record PeerMessage(String type, @JsonProperty("from_peer_id") String fromPeerId,
			@JsonProperty("to_peer_id") String toPeerId, JsonNode payload) {
	}

	record TokenError(String type, String error, String reason) {
	}

	record ReasonError(String type, String reason) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CodedError(String type, String code, String message) {
	}

}
