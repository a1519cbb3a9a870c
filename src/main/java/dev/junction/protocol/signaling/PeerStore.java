package dev.junction.protocol.signaling;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceMember;
import dev.junction.core.NodeId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each room's peers as {@link Presence} keeps them, in registration order: the peer id as
 * the member id, and its role, metadata (as compact JSON) and registration time as the
 * member's info, so that a cluster presence shares them between nodes unchanged.
 */
final class PeerStore {

	private final Presence presence;

	private final NodeId node;

	private final ObjectMapper mapper;

	PeerStore(Presence presence, NodeId node, ObjectMapper mapper) {
		this.presence = presence;
		this.node = node;
		this.mapper = mapper;
	}

	/**
	 * Add a peer at the end of its room, or replace its entry in place.
	 */
	Mono<Void> put(String roomId, String peerId, String role, ObjectNode metadata, BigDecimal connectedAt) {
		Map<String, String> info = new LinkedHashMap<>();
		info.put("role", role);
		info.put("metadata", this.mapper.writeValueAsString(metadata));
		info.put("connected_at", connectedAt.toPlainString());
		return this.presence.add(PeerRegistry.ROOM_PREFIX + roomId, new PresenceMember(peerId, this.node, info));
	}

	Mono<Boolean> remove(String roomId, String peerId) {
		return this.presence.remove(PeerRegistry.ROOM_PREFIX + roomId, peerId);
	}

	Mono<List<StoredPeer>> peers(String roomId) {
		return members(roomId).map((members) -> members.stream().map(this::read).toList());
	}

	/**
	 * A peer of a room.
	 * @return the peer, or an empty {@code Mono} when it is not in the room
	 */
	Mono<StoredPeer> get(String roomId, String peerId) {
		return members(roomId).flatMap((members) -> {
			for (PresenceMember member : members) {
				if (member.id().equals(peerId)) {
					return Mono.just(read(member));
				}
			}
			return Mono.empty();
		});
	}

	Mono<Boolean> contains(String roomId, String peerId) {
		return members(roomId).map((members) -> members.stream().anyMatch((member) -> member.id().equals(peerId)));
	}

	private Mono<List<PresenceMember>> members(String roomId) {
		return this.presence.members(PeerRegistry.ROOM_PREFIX + roomId);
	}

	private StoredPeer read(PresenceMember member) {
		String role = member.info().getOrDefault("role", "peer");
		String connectedAt = member.info().getOrDefault("connected_at", "0");
		return new StoredPeer(member.id(), role, metadata(member.info().get("metadata")), new BigDecimal(connectedAt));
	}

	private ObjectNode metadata(@Nullable String json) {
		if (json != null) {
			try {
				JsonNode node = this.mapper.readTree(json);
				if (node != null && node.isObject()) {
					return (ObjectNode) node;
				}
			}
			catch (JacksonException ex) {
				// Written by this class; an unreadable entry shows as no metadata.
			}
		}
		return this.mapper.createObjectNode();
	}

	/**
	 * A peer as its room stores it.
	 *
	 * @param peerId the id
	 * @param role the role
	 * @param metadata the metadata, a fresh copy
	 * @param connectedAt the registration time, epoch seconds
	 */
	record StoredPeer(String peerId, String role, ObjectNode metadata, BigDecimal connectedAt) {
	}

}
