package dev.junction.protocol.pairs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import dev.junction.channel.ChannelHub;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.core.ReplyError;
import dev.junction.protocol.pairs.PairSession.Slot;
import dev.junction.security.VerifiedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The pairs sessions of this node: which local socket holds which slot. A session's owner
 * and the holder of each slot are claimed in the cluster ({@link PairClaims}), so a
 * socket of one type replaces its predecessor on whichever node that one is; the parties
 * meet on the session's channel of the {@link ChannelHub}, with each socket's side as its
 * audience tag, and presence lists them with their client type, which is how a node knows
 * who is there on the other nodes ({@link PairParties}). Local slots change under the
 * session's monitor, which is what keeps a replaced socket's late close from touching its
 * successor here; elsewhere its slot claim, taken over, does the same.
 */
final class PairRegistry {

	static final String CHANNEL_PREFIX = "pairs:";

	private static final Log logger = LogFactory.getLog(PairRegistry.class);

	private final Map<String, PairSession> sessions = new ConcurrentHashMap<>();

	private final ChannelHub hub;

	private final PairClaims claims;

	private final PairParties parties;

	private final PairsEncoder encoder;

	private final Clock clock;

	private final LongConsumer sessionsChanged;

	/**
	 * Create a registry.
	 * @param sessionsChanged told of every change of {@link #size()}, by how much
	 */
	PairRegistry(ChannelHub hub, PairClaims claims, PairsEncoder encoder, Clock clock, LongConsumer sessionsChanged) {
		this.hub = hub;
		this.claims = claims;
		this.parties = new PairParties(hub, claims, encoder, clock);
		this.encoder = encoder;
		this.clock = clock;
		this.sessionsChanged = sessionsChanged;
	}

	static String channel(String id) {
		return CHANNEL_PREFIX + id;
	}

	/**
	 * Put a socket in its session's slot for its type, replacing (and closing) any
	 * previous one on any node, and tell everybody what they need to know. A session
	 * opened here belongs to the token's subject.
	 * @return the session once joined, or an empty {@code Mono} when it belongs to
	 * another subject and the token does not name it: then nothing changed
	 */
	Mono<PairSession> attach(String id, ClientType type, Connection connection, @Nullable VerifiedToken token) {
		// Checked again here: the check before the upgrade may have raced a first party
		// of another subject.
		return this.claims.admit(id, token).flatMap((owner) -> {
			while (true) {
				PairSession session = this.sessions.computeIfAbsent(id, (key) -> open(key, owner));
				synchronized (session) {
					if (session.closed) {
						continue;
					}
					session.lastActivity = this.clock.millis();
					Slot previous = session.slots.put(type, new Slot(connection));
					return enter(session, type, connection, (previous != null) ? previous.connection() : null, token);
				}
			}
		});
	}

	private Mono<PairSession> enter(PairSession session, ClientType type, Connection connection,
			@Nullable Connection previous, @Nullable VerifiedToken token) {
		CloseReason replaced = CloseReason.replaced(type.displayName());
		long now = this.clock.millis();
		return this.claims.takeSlot(session.id, type, connection.id()).doOnNext((holder) -> {
			if (!holder.equals(connection.id()) && (previous == null || !holder.equals(previous.id()))) {
				this.hub.closeConnection(holder, replaced);
			}
		}).then(Mono.fromRunnable(() -> {
			// Closed once its slot claim is taken over, so that its close finds it
			// replaced.
			if (previous != null) {
				previous.close(replaced);
			}
		})).then(this.hub.join(session.channel(), connection, type.side(), PairParties.info(type), (members) -> {
			// A message relayed to this party was received by the session, on this node
			// or another: activity here too.
			connection.onDelivered((bytes) -> touch(session));
			connection.send(this.encoder.connected(type, session.publicId, now));
			if (type.isDesktopSide() && PairParties.any(members, ClientType.MOBILE)) {
				connection.send(this.encoder.event("mobile_connected", now));
			}
		})).flatMap((members) -> {
			if (type == ClientType.MOBILE) {
				publish(session, ClientType.DESKTOP_SIDE, this.encoder.event("mobile_connected", now));
			}
			else if (type == ClientType.DESKTOP) {
				publish(session, ClientType.MOBILE_SIDE, this.encoder.event("desktop_connected", now));
			}
			return this.claims.hold(session.id, session.owner);
		})
			.flatMap((held) -> held ? Mono.just(session) : this.claims.admit(session.id, token).map((owner) -> session))
			.switchIfEmpty(Mono.fromSupplier(() -> {
				// Another subject took the session over while its last party left.
				connection.close(CloseReason.NOT_AUTHORIZED);
				return session;
			}))
			.onErrorResume((error) -> detach(session, type, connection).onErrorResume((ignored) -> Mono.empty())
				.then(Mono.error(error)));
	}

	/**
	 * Take a closed socket out of its slot, and tell the other side it went unless it was
	 * replaced.
	 */
	Mono<Void> detach(PairSession session, ClientType type, Connection connection) {
		synchronized (session) {
			Slot slot = session.slots.get(type);
			if (slot != null && slot.connection() == connection) {
				session.slots.remove(type);
				if (session.slots.isEmpty()) {
					close(session);
				}
			}
		}
		return this.hub.leave(session.channel(), connection)
			.then(this.claims.releaseSlot(session.id, type, connection.id()))
			.doOnNext((held) -> {
				if (held) {
					this.parties.departed(session.channel(), type);
				}
			})
			.then(this.parties.releaseIfEmpty(session.id));
	}

	/**
	 * Send a message across the pair, or tell the sender that nobody is there on any
	 * node.
	 * @return completes once the message is on its way or the sender told
	 */
	Mono<Void> route(PairSession session, ClientType from, Connection sender, Frame frame) {
		boolean receiverHere;
		synchronized (session) {
			receiverHere = from.isDesktopSide() ? session.slots.containsKey(ClientType.MOBILE)
					: session.hasDesktopSide();
		}
		String audience = from.isDesktopSide() ? ClientType.MOBILE_SIDE : ClientType.DESKTOP_SIDE;
		if (receiverHere) {
			this.hub.publish(session.channel(), sender, audience, frame);
			return Mono.empty();
		}
		return this.parties.receiverPresent(session.channel(), from).doOnNext((present) -> {
			if (present) {
				this.hub.publish(session.channel(), sender, audience, frame);
				return;
			}
			ReplyError error = from.isDesktopSide() ? PairsErrors.MOBILE_NOT_CONNECTED
					: PairsErrors.DESKTOP_NOT_CONNECTED;
			sender.send(this.encoder.error(error, this.clock.millis()));
		}).then();
	}

	void touch(PairSession session) {
		session.lastActivity = this.clock.millis();
	}

	/**
	 * Close this node's sockets of every session that has received nothing here for the
	 * timeout.
	 */
	void closeInactive(Duration timeout) {
		long deadline = this.clock.millis() - timeout.toMillis();
		for (PairSession session : this.sessions.values()) {
			if (session.lastActivity < deadline) {
				List<Connection> connections;
				synchronized (session) {
					connections = session.slots.values().stream().map(Slot::connection).toList();
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Closing inactive pairs session " + session.publicId);
				}
				connections.forEach((connection) -> connection.close(CloseReason.SESSION_TIMEOUT));
			}
		}
	}

	/**
	 * The owner claim of a session with parties on this node.
	 * @return its owner claim, or {@code null} when this node holds no such session
	 */
	@Nullable String owner(String id) {
		PairSession session = this.sessions.get(id);
		return (session != null) ? session.owner : null;
	}

	boolean exists(String id) {
		return this.sessions.containsKey(id);
	}

	int size() {
		return this.sessions.size();
	}

	/**
	 * The parties of a live session on every node, for operators.
	 * @return each party's client type and connection id, or an empty {@code Mono} when
	 * the session has no party
	 */
	Mono<List<String>> parties(String id) {
		return this.parties.list(channel(id));
	}

	private void publish(PairSession session, String audience, Frame frame) {
		this.hub.publish(session.channel(), null, audience, frame);
	}

	private PairSession open(String id, String owner) {
		PairSession session = new PairSession(id, sha256(id), owner, this.clock.millis());
		this.sessionsChanged.accept(1);
		return session;
	}

	private void close(PairSession session) {
		session.closed = true;
		if (this.sessions.remove(session.id, session)) {
			this.sessionsChanged.accept(-1);
		}
	}

	static String sha256(String id) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(id.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
