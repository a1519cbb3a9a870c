package dev.junction.protocol.signaling;

import java.time.Clock;
import java.time.Duration;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The registered peers of this node. Room member lists (ids in registration order, with
 * role, metadata and registration time) live in {@link Presence}, kept by
 * {@link RoomEntries}; directed messages go through the {@link ChannelHub} on one channel
 * per peer. Registrations change one at a time in a {@link SerialLane}, so a takeover, a
 * move between rooms and a late close never interleave, however late presence answers;
 * deliveries wait for nothing.
 */
final class PeerRegistry {

	static final String ROOM_PREFIX = "signaling:";

	static final String PEER_CHANNEL_PREFIX = "signaling-peer:";

	private static final Log logger = LogFactory.getLog(PeerRegistry.class);

	private final SerialLane lane = new SerialLane();

	private final Map<String, Registration> peers = new ConcurrentHashMap<>();

	private final ChannelHub hub;

	private final PeerClaims claims;

	private final RoomEntries entries;

	private final PeerChannels channels;

	private final PeerStore store;

	private final SignalingEncoder encoder;

	private final SignalingCounters counters;

	private final Scheduler scheduler;

	private final Duration pingInterval;

	PeerRegistry(ChannelHub hub, Directory directory, PeerStore store, SignalingEncoder encoder,
			SignalingCounters counters, Clock clock, Scheduler scheduler, SignalingOptions options) {
		this.hub = hub;
		this.claims = new PeerClaims(directory, hub.node());
		this.channels = new PeerChannels(hub, this.claims, counters);
		this.store = store;
		this.encoder = encoder;
		this.counters = counters;
		this.entries = new RoomEntries(store, new RoomAdmins(directory), new LiveRooms(counters), encoder, clock,
				options);
		this.scheduler = scheduler;
		this.pingInterval = options.pingInterval();
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
				before = this.entries.leave(registration.roomId, registration.peerId, connection);
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
		return before.then(Mono.defer(() -> this.entries.enter(registration, register))).then(Mono.fromRunnable(() -> {
			if (logger.isDebugEnabled()) {
				logger.debug(
						"Registered " + registration.peerId + " in room " + registration.roomId + " on " + connection);
			}
		})).thenReturn(registration);
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
			return this.entries.updateMetadata(registration.roomId, registration.peerId, update)
				.defaultIfEmpty(notInRoom);
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
				.fromSupplier(() -> this.entries.isLive(roomId) ? Deletion.ROOM_ACTIVE : Deletion.ROOM_DELETED));
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
			.flatMap((held) -> held ? this.entries.leave(roomId, registration.peerId, registration.connection)
					: this.entries.handedOver(roomId, registration.peerId, registration.connection));
	}

	private void countRole(String role, int delta) {
		this.counters.countRole(role, delta);
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
