package dev.junction.protocol.signaling;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Directory;
import dev.junction.cluster.Presence;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.core.ReplyError;
import dev.junction.protocol.SerialLane;
import dev.junction.protocol.signaling.SignalingMessage.Register;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registered peers of this node. Room member lists (ids in registration order, with
 * role, metadata and registration time) live in {@link Presence}; directed messages go
 * through the {@link ChannelHub} on one channel per peer. Registrations change one at a
 * time in a {@link SerialLane}, so a takeover, a move between rooms and a late close
 * never interleave, however late presence answers; deliveries wait for nothing.
 */
final class PeerRegistry {

	static final String ROOM_PREFIX = "signaling:";

	static final String PEER_CHANNEL_PREFIX = "signaling-peer:";

	private static final Log logger = LogFactory.getLog(PeerRegistry.class);

	private final SerialLane lane = new SerialLane();

	private final Map<String, Registration> peers = new ConcurrentHashMap<>();

	private final LiveRooms rooms;

	private final ChannelHub hub;

	private final PeerClaims claims;

	private final RoomAdmins admins;

	private final PeerChannels channels;

	private final PeerStore store;

	private final SignalingEncoder encoder;

	private final SignalingCounters counters;

	private final Clock clock;

	private final Scheduler scheduler;

	private final Duration pingInterval;

	private final List<SignalingOptions.IceServer> iceServers;

	private final MetadataLimits metadataLimits;

	PeerRegistry(ChannelHub hub, Directory directory, PeerStore store, SignalingEncoder encoder,
			SignalingCounters counters, Clock clock, Scheduler scheduler, SignalingOptions options) {
		this.hub = hub;
		this.claims = new PeerClaims(directory, hub.node());
		this.admins = new RoomAdmins(directory);
		this.channels = new PeerChannels(hub, this.claims, counters);
		this.store = store;
		this.encoder = encoder;
		this.counters = counters;
		this.rooms = new LiveRooms(counters);
		this.clock = clock;
		this.scheduler = scheduler;
		this.pingInterval = options.pingInterval();
		this.iceServers = List.copyOf(options.iceServers());
		this.metadataLimits = options.metadataLimits();
	}

	/**
	 * Register a connection as a peer, taking the id over from another connection that
	 * holds it for the same subject in the same room, and answer with
	 * {@code admin_conflict} (when refused) and {@code registered_auth}.
	 * @param connection the registering connection
	 * @param previous the connection's current registration, or {@code null}
	 * @param register the checked request
	 * @param subject the user token's subject, or {@code null}
	 * @return the new registration, or an empty {@code Mono} when another subject or
	 * another room holds the id: then nothing changed and nothing was sent
	 */
	Mono<Registration> register(Connection connection, @Nullable Registration previous, Register register,
			@Nullable String subject) {
		return this.lane.run(() -> this.claims.heldElsewhere(register.peerId())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((elsewhere) -> elsewhere.isPresent()
					? takeOverElsewhere(elsewhere.get(), connection, previous, register, subject)
					: registerHere(connection, previous, register, subject)));
	}

	/**
	 * Take over an id that a connection of another node holds, under the same rule as
	 * here: the same subject, and the holder in the same room (as presence lists it).
	 */
	private Mono<Registration> takeOverElsewhere(PeerClaims.Holder holder, Connection connection,
			@Nullable Registration previous, Register register, @Nullable String subject) {
		if (!holder.isSubject(subject)) {
			return Mono.empty();
		}
		return this.store.get(register.roomId(), register.peerId())
			.flatMap((stored) -> this.claims.takeOver(register.peerId(), connection, subject))
			.flatMap((replaced) -> {
				this.hub.closeConnection(replaced, CloseReason.REPLACED_BY_NEWER_REGISTRATION);
				return registerHere(connection, previous, register, subject);
			});
	}

	private Mono<Registration> registerHere(Connection connection, @Nullable Registration previous, Register register,
			@Nullable String subject) {
		Registration holder = this.peers.get(register.peerId());
		if (holder != null && holder != previous && !mayTakeOver(holder, register, subject)) {
			return Mono.empty();
		}
		Mono<Void> before = Mono.empty();
		Registration registration;
		if (previous != null && holder == previous && previous.peerId.equals(register.peerId())) {
			registration = previous;
			if (!registration.roomId.equals(register.roomId())) {
				before = leaveRoom(registration.roomId, registration.peerId, connection);
			}
			countRole(registration.role, -1);
		}
		else {
			if (previous != null && isCurrent(previous)) {
				before = remove(previous);
			}
			if (holder != null) {
				before = before.then(remove(holder));
				holder.connection.close(CloseReason.REPLACED_BY_NEWER_REGISTRATION);
			}
			registration = new Registration(register.peerId(), connection, subject, register.roomId(),
					register.roomToken(), register.role());
			before = before.then(this.claims.claim(registration));
			this.peers.put(registration.peerId, registration);
			this.counters.peers().incrementAndGet();
			// registered_auth waits for the peer's channel, so that what is sent to the
			// peer as soon as it is announced reaches it from every node.
			before = before.then(this.channels.join(registration));
			long interval = this.pingInterval.toMillis();
			registration.pinger = this.scheduler.schedulePeriodically(() -> connection.send(this.encoder.ping()),
					interval, interval, TimeUnit.MILLISECONDS);
		}
		registration.roomId = register.roomId();
		registration.roomToken = register.roomToken();
		registration.role = register.role();
		countRole(registration.role, 1);
		this.counters.registrations().incrementAndGet();
		return before.then(Mono.defer(() -> enter(registration, register))).then(Mono.fromRunnable(() -> {
			if (logger.isDebugEnabled()) {
				logger.debug(
						"Registered " + registration.peerId + " in room " + registration.roomId + " on " + connection);
			}
		})).thenReturn(registration);
	}

	/**
	 * Enter a registration's room: {@code admin_conflict} when refused the admin role,
	 * {@code registered_auth} with the others, and only then the entry that makes the
	 * peer visible to senders.
	 */
	private Mono<Void> enter(Registration registration, Register register) {
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
	 * Whether a registration may take a held id over: only for the holder's own subject
	 * (no subject on either side counts as the same, which is all {@code auth: none}
	 * knows) and in the holder's room, so nobody evicts another user's peer.
	 */
	private static boolean mayTakeOver(Registration holder, Register register, @Nullable String subject) {
		return Objects.equals(holder.subject, subject) && holder.roomId.equals(register.roomId());
	}

	/**
	 * Merge metadata into a current registration's stored metadata, unless the result is
	 * over the {@link MetadataLimits}; then nothing changes.
	 * @return the whole stored metadata, or the reply error
	 */
	Mono<MetadataUpdate> updateMetadata(Registration registration, ObjectNode update) {
		MetadataUpdate notInRoom = new MetadataUpdate(null, SignalingErrors.PEER_NOT_IN_ROOM);
		return this.lane.run(() -> {
			if (!isCurrent(registration)) {
				return Mono.just(notInRoom);
			}
			String roomId = registration.roomId;
			return this.store.get(roomId, registration.peerId).flatMap((peer) -> {
				ObjectNode merged = MetadataMerge.merge(peer.metadata().deepCopy(), update);
				if (!this.metadataLimits.allows(merged)) {
					return Mono.just(new MetadataUpdate(null, this.metadataLimits.updateError()));
				}
				return this.store.put(roomId, registration.peerId, peer.role(), merged, peer.connectedAt())
					.thenReturn(new MetadataUpdate(merged, null));
			}).defaultIfEmpty(notInRoom);
		});
	}

	/**
	 * Remove a peer for its owner ({@code POST /delete-peer}).
	 * @param peerId the peer id
	 * @param subject the requester's token subject
	 * @param anyone whether anyone may delete any peer (tokens are not looked at)
	 * @return the outcome
	 */
	Mono<Deletion> delete(String peerId, @Nullable String subject, boolean anyone) {
		return this.lane.run(() -> {
			Registration registration = this.peers.get(peerId);
			if (registration == null) {
				return Mono.just(Deletion.ALREADY_REMOVED);
			}
			if (!anyone && (subject == null || !subject.equals(registration.subject))) {
				return Mono.just(Deletion.FORBIDDEN);
			}
			String roomId = registration.roomId;
			return remove(registration).then(Mono
				.fromSupplier(() -> this.rooms.contains(roomId) ? Deletion.ROOM_ACTIVE : Deletion.ROOM_DELETED));
		});
	}

	/**
	 * Whether a registration still holds its peer id.
	 */
	boolean isCurrent(Registration registration) {
		return this.peers.get(registration.peerId) == registration;
	}

	/**
	 * Remove a registration if it is still current: a closed connection, say. A takeover
	 * already removed it, so an old connection's late close changes nothing.
	 * @return whether it was current
	 */
	Mono<Boolean> unregister(Registration registration) {
		return this.lane.run(() -> {
			if (!isCurrent(registration)) {
				return Mono.just(false);
			}
			return remove(registration).thenReturn(true);
		});
	}

	int size() {
		return this.peers.size();
	}

	/**
	 * Hand an encoded frame to a peer, wherever it is connected.
	 * @return false when the peer's connection on this node is closed and no other node
	 * has taken its id over
	 */
	Mono<Boolean> deliver(String peerId, Frame frame) {
		return this.channels.deliver(this.peers.get(peerId), peerId, frame);
	}

	/**
	 * Take a registration out at once on this node; its room entry follows.
	 */
	private Mono<Void> remove(Registration registration) {
		this.peers.remove(registration.peerId, registration);
		registration.dispose();
		countRole(registration.role, -1);
		this.counters.peers().decrementAndGet();
		if (logger.isDebugEnabled()) {
			logger.debug("Removed " + registration.peerId + " from room " + registration.roomId);
		}
		String roomId = registration.roomId;
		// Taken over (from another node): the room entry is the newcomer's now.
		return this.claims.release(registration)
			.flatMap((held) -> held ? leaveRoom(roomId, registration.peerId, registration.connection)
					: this.admins.left(roomId, registration.peerId, registration.connection));
	}

	private Mono<Void> leaveRoom(String roomId, String peerId, Connection connection) {
		return this.admins.left(roomId, peerId, connection)
			.then(this.store.remove(roomId, peerId))
			.then(Mono.defer(() -> this.store.peers(roomId)))
			.doOnNext((peers) -> this.rooms.left(roomId, peers.isEmpty()))
			.then();
	}

	private void countRole(String role, int delta) {
		this.counters.countRole(role, delta);
	}

	private BigDecimal now() {
		return BigDecimal.valueOf(this.clock.millis(), 3);
	}

	/**
	 * What an {@code update_metadata} came to: the whole stored metadata, or an error.
	 *
	 * @param metadata the stored metadata after the merge, or {@code null}
	 * @param error the reply error, or {@code null}
	 */
	record MetadataUpdate(@Nullable ObjectNode metadata, @Nullable ReplyError error) {
	}

}
