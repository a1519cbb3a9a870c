package dev.junction.protocol.signaling;

import dev.junction.core.ReplyError;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A frame from a signaling client, decoded once at the edge. Ids that clients may send as
 * other JSON types are kept as their text, so that they compare unequal to string ids.
 */
sealed interface SignalingMessage {

	/**
	 * {@code register} with every required field present.
	 *
	 * @param peerId the {@code peer_id}
	 * @param roomId the {@code room_id}
	 * @param roomToken the room's {@code token}
	 * @param userToken the {@code id_token} (or {@code jwt})
	 * @param role the {@code role}, {@code peer} by default
	 * @param metadata the {@code metadata}, {@code {}} by default
	 * @param admin whether {@code is_admin} is {@code true}
	 */
	record Register(String peerId, String roomId, String roomToken, String userToken, String role, ObjectNode metadata,
			boolean admin) implements SignalingMessage {
	}

	/**
	 * {@code discover_peers}.
	 *
	 * @param fromPeerId the claimed sender, or {@code null} when not sent
	 * @param filters the filters, {@code {}} when absent
	 */
	record DiscoverPeers(@Nullable String fromPeerId, ObjectNode filters) implements SignalingMessage {
	}

	/**
	 * {@code update_metadata} with both fields present.
	 *
	 * @param peerId the claimed peer
	 * @param metadata what to merge into the stored metadata
	 */
	record UpdateMetadata(String peerId, ObjectNode metadata) implements SignalingMessage {
	}

	/**
	 * {@code peer_message} with every field present.
	 *
	 * @param fromPeerId the claimed sender
	 * @param toPeerId the target
	 * @param payload the application payload, passed through untouched
	 */
	record PeerMessage(String fromPeerId, String toPeerId, JsonNode payload) implements SignalingMessage {
	}

	/**
	 * {@code offer}, {@code answer} or {@code candidate}: forwarded whole to the target.
	 *
	 * @param sender the claimed sender
	 * @param target the target
	 * @param message the whole object
	 */
	record Forward(String sender, String target, ObjectNode message) implements SignalingMessage {
	}

	/**
	 * {@code mesh_connect}, {@code mesh_answer} or {@code ice_candidate} with every field
	 * present.
	 *
	 * @param type the type the target receives ({@code mesh_offer}, {@code mesh_answer},
	 * {@code ice_candidate})
	 * @param field the name of the forwarded value ({@code offer}, {@code answer},
	 * {@code candidate})
	 * @param fromPeerId the claimed sender
	 * @param targetPeerId the target
	 * @param value the forwarded value
	 */
	record Mesh(String type, String field, String fromPeerId, String targetPeerId,
			JsonNode value) implements SignalingMessage {
	}

	/**
	 * A client's protocol-level {@code ping}, answered with {@code pong}.
	 */
	record Ping() implements SignalingMessage {
	}

	/**
	 * Nothing to do: a {@code pong} answering the server's ping, or a legacy message that
	 * fails silently.
	 */
	record Ignored() implements SignalingMessage {
	}

	/**
	 * A frame refused at decoding, with its reply.
	 *
	 * @param error the reply
	 */
	record Refused(ReplyError error) implements SignalingMessage {
	}

}
