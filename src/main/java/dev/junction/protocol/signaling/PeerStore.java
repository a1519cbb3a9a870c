package dev.junction.protocol.signaling;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceMember;
import dev.junction.core.NodeId;
import org.jspecify.annotations.Nullable;
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
	void put(String roomId, String peerId, String role, ObjectNode metadata, BigDecimal connectedAt) {
		Map<String, String> info = new LinkedHashMap<>();
		info.put("role", role);
		info.put("metadata", this.mapper.writeValueAsString(metadata));
		info.put("connected_at", connectedAt.toPlainString());
		Immediate
			.value(this.presence.add(PeerRegistry.ROOM_PREFIX + roomId, new PresenceMember(peerId, this.node, info)));
	}

	void remove(String roomId, String peerId) {
		Immediate.value(this.presence.remove(PeerRegistry.ROOM_PREFIX + roomId, peerId));
	}

	List<StoredPeer> peers(String roomId) {
		return members(roomId).stream().map(this::read).toList();
	}

	@Nullable StoredPeer get(String roomId, String peerId) {
		for (PresenceMember member : members(roomId)) {
			if (member.id().equals(peerId)) {
				return read(member);
			}
		}
		return null;
	}

	boolean contains(String roomId, String peerId) {
		return members(roomId).stream().anyMatch((member) -> member.id().equals(peerId));
	}

	private List<PresenceMember> members(String roomId) {
		return Immediate.required(this.presence.members(PeerRegistry.ROOM_PREFIX + roomId));
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
