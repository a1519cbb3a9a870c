package dev.junction.protocol.pairs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import dev.junction.channel.ChannelHub;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.core.ReplyError;
import dev.junction.protocol.pairs.PairSession.Slot;
import dev.junction.security.SessionOwnership;
import dev.junction.security.VerifiedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The pairs sessions of this node: which socket holds which slot. Every change of a
 * session happens under its monitor, which is what keeps a replaced socket's late close
 * from touching its successor. Fan-out across the pair belongs to the {@link ChannelHub},
 * with each socket's side as its audience tag.
 */
final class PairRegistry {

	private static final Log logger = LogFactory.getLog(PairRegistry.class);

	private final Map<String, PairSession> sessions = new ConcurrentHashMap<>();

	private final ChannelHub hub;

	private final PairsEncoder encoder;

	private final Clock clock;

	private final LongConsumer sessionsChanged;

	/**
	 * Create a registry.
	 * @param sessionsChanged told of every change of {@link #size()}, by how much
	 */
	PairRegistry(ChannelHub hub, PairsEncoder encoder, Clock clock, LongConsumer sessionsChanged) {
		this.hub = hub;
		this.encoder = encoder;
		this.clock = clock;
		this.sessionsChanged = sessionsChanged;
	}

	/**
	 * Put a socket in its session's slot for its type, replacing (and closing) any
	 * previous one, and tell everybody what they need to know. A session opened here
	 * belongs to the token's subject.
	 * @return the session, or {@code null} when it belongs to another subject and the
	 * token does not name it: then nothing changed
	 */
	@Nullable PairSession attach(String id, ClientType type, Connection connection, @Nullable VerifiedToken token) {
		while (true) {
			PairSession session = this.sessions.computeIfAbsent(id,
					(key) -> open(key, SessionOwnership.ownerOf(token)));
			synchronized (session) {
				if (session.closed) {
					continue;
				}
				// Checked again here: the check before the upgrade may have raced a
				// first party of another subject.
				if (!SessionOwnership.admits(session.owner, token, id)) {
					return null;
				}
				long now = this.clock.millis();
				session.lastActivity = now;
				Slot previous = session.slots.put(type, new Slot(connection));
				if (previous != null) {
					this.hub.leave(session.channel(), previous.connection()).subscribe();
				}
				this.hub
					.join(session.channel(), connection, type.side(), null,
							(members) -> connection.send(this.encoder.connected(type, session.publicId, now)))
					.subscribe(null, (error) -> connection.close(CloseReason.INTERNAL_ERROR));
				if (previous != null) {
					previous.connection().close(CloseReason.replaced(type.displayName()));
				}
				if (type == ClientType.MOBILE) {
					publish(session, ClientType.DESKTOP_SIDE, this.encoder.event("mobile_connected", now));
				}
				else if (session.slots.containsKey(ClientType.MOBILE)) {
					connection.send(this.encoder.event("mobile_connected", now));
				}
				if (type == ClientType.DESKTOP) {
					publish(session, ClientType.MOBILE_SIDE, this.encoder.event("desktop_connected", now));
				}
				return session;
			}
		}
	}

	/**
	 * Take a closed socket out of its slot, unless it was already replaced.
	 */
	void detach(PairSession session, ClientType type, Connection connection) {
		synchronized (session) {
			Slot slot = session.slots.get(type);
			if (slot == null || slot.connection() != connection) {
				return;
			}
			session.slots.remove(type);
			this.hub.leave(session.channel(), connection).subscribe();
			long now = this.clock.millis();
			if (type == ClientType.MOBILE) {
				publish(session, ClientType.DESKTOP_SIDE, this.encoder.event("mobile_disconnected", now));
			}
			else if (type == ClientType.DESKTOP) {
				publish(session, ClientType.MOBILE_SIDE, this.encoder.event("desktop_disconnected", now));
			}
			if (session.slots.isEmpty()) {
				close(session);
			}
		}
	}

	/**
	 * Send a message across the pair, or tell the sender that nobody is there.
	 */
	void route(PairSession session, ClientType from, Connection sender, Frame frame) {
		synchronized (session) {
			boolean receiverPresent = from.isDesktopSide() ? session.slots.containsKey(ClientType.MOBILE)
					: session.hasDesktopSide();
			if (!receiverPresent) {
				ReplyError error = from.isDesktopSide() ? PairsErrors.MOBILE_NOT_CONNECTED
						: PairsErrors.DESKTOP_NOT_CONNECTED;
				sender.send(this.encoder.error(error, this.clock.millis()));
				return;
			}
			String audience = from.isDesktopSide() ? ClientType.MOBILE_SIDE : ClientType.DESKTOP_SIDE;
			this.hub.publish(session.channel(), sender, audience, frame);
		}
	}

	void touch(PairSession session) {
		session.lastActivity = this.clock.millis();
	}

	/**
	 * Close every session that has received nothing for the timeout.
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
	 * The owner of a live session.
	 * @return its owner, or {@code null} when it has none or does not exist
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

	private void publish(PairSession session, String audience, Frame frame) {
		this.hub.publish(session.channel(), null, audience, frame);
	}

	private PairSession open(String id, @Nullable String owner) {
		PairSession session = new PairSession(id, sha256(id), owner, this.clock.millis(), this.hub.node());
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

	/**
	 * The parties of a live session, for operators.
	 * @return each party's client type and connection id, or {@code null} when the
	 * session does not exist
	 */
	@Nullable List<String> parties(String id) {
		PairSession session = this.sessions.get(id);
		if (session == null) {
			return null;
		}
		synchronized (session) {
			return session.slots.entrySet()
				.stream()
				.map((slot) -> slot.getKey().name().toLowerCase(Locale.ROOT) + ":" + slot.getValue().connection().id())
				.toList();
		}
	}

}
