package dev.junction.protocol.signaling;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.junction.cluster.Presence;
import dev.junction.core.Connection;
import dev.junction.protocol.signaling.PeerRegistry.MetadataUpdate;
import dev.junction.protocol.signaling.SignalingMessage.Register;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The peers' entries in their rooms' member lists ({@link Presence}, through
 * {@link PeerStore}), with the admin role and the count of live rooms that follow them:
 * entering a room, changing an entry's metadata, leaving. Whether a registration may do
 * so is {@link PeerRegistry}'s to decide; this class only keeps the entries.
 */
final class RoomEntries {

	private final PeerStore store;

	private final RoomAdmins admins;

	private final LiveRooms rooms;

	private final SignalingEncoder encoder;

	private final Clock clock;

	private final List<SignalingOptions.IceServer> iceServers;

	private final MetadataLimits metadataLimits;

	RoomEntries(PeerStore store, RoomAdmins admins, LiveRooms rooms, SignalingEncoder encoder, Clock clock,
			SignalingOptions options) {
		this.store = store;
		this.admins = admins;
		this.rooms = rooms;
		this.encoder = encoder;
		this.clock = clock;
		this.iceServers = List.copyOf(options.iceServers());
		this.metadataLimits = options.metadataLimits();
	}

	/**
	 * Enter a registration's room: {@code admin_conflict} when refused the admin role,
	 * {@code registered_auth} with the others, and only then the entry that makes the
	 * peer visible to senders.
	 */
	Mono<Void> enter(Registration registration, Register register) {
		Connection connection = registration.connection;
		this.rooms.enter(register.roomId());
		return this.admins.enter(register.roomId(), register.peerId(), connection, register.admin())
			.doOnNext((currentAdmin) -> connection.send(this.encoder.adminConflict(register.roomId(), currentAdmin)))
			.then(this.admins.admin(register.roomId()).map(Optional::of).defaultIfEmpty(Optional.empty()))
			.flatMap((admin) -> announce(registration, register, admin.orElse(null)));
	}

	private Mono<Void> announce(Registration registration, Register register, @Nullable String admin) {
		Connection connection = registration.connection;
		return this.store.peers(register.roomId()).flatMap((peers) -> {
			List<PeerStore.StoredPeer> others = peers.stream()
				.filter((peer) -> !peer.peerId().equals(register.peerId()))
				.toList();
			Map<String, JsonNode> metadata = new LinkedHashMap<>();
			others.forEach((peer) -> metadata.put(peer.peerId(), peer.metadata()));
			connection.send(this.encoder.registered(register.roomId(), register.roomToken(), register.peerId(),
					others.stream().map(PeerStore.StoredPeer::peerId).toList(), metadata, admin, this.iceServers));
			return this.store.put(register.roomId(), register.peerId(), register.role(), register.metadata(), now());
		});
	}

	/**
	 * Merge metadata into a peer's stored metadata, unless the result is over the
	 * {@link MetadataLimits}; then nothing changes.
	 * @return the whole stored metadata, or the reply error; empty when the peer has no
	 * entry
	 */
	Mono<MetadataUpdate> updateMetadata(String roomId, String peerId, ObjectNode update) {
		return this.store.get(roomId, peerId).flatMap((peer) -> {
			ObjectNode merged = MetadataMerge.merge(peer.metadata().deepCopy(), update);
			if (!this.metadataLimits.allows(merged)) {
				return Mono.just(new MetadataUpdate(null, this.metadataLimits.updateError()));
			}
			return this.store.put(roomId, peerId, peer.role(), merged, peer.connectedAt())
				.thenReturn(new MetadataUpdate(merged, null));
		});
	}

	/**
	 * Leave a room: the admin role and the entry go, and the room is no longer live when
	 * it was the last entry.
	 */
	Mono<Void> leave(String roomId, String peerId, Connection connection) {
		return this.admins.left(roomId, peerId, connection)
			.then(this.store.remove(roomId, peerId))
			.then(Mono.defer(() -> this.store.peers(roomId)))
			.doOnNext((peers) -> this.rooms.left(roomId, peers.isEmpty()))
			.then();
	}

	/**
	 * A peer taken over from another node: its admin role goes, but the room entry is the
	 * newcomer's now.
	 */
	Mono<Void> handedOver(String roomId, String peerId, Connection connection) {
		return this.admins.left(roomId, peerId, connection);
	}

	boolean isLive(String roomId) {
		return this.rooms.contains(roomId);
	}

	private BigDecimal now() {
		return BigDecimal.valueOf(this.clock.millis(), 3);
	}

}
