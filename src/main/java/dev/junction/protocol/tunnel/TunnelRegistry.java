package dev.junction.protocol.tunnel;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import dev.junction.cluster.Directory;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.security.SessionOwnership;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The tunnels of this node. Pairing, forwarding, buffering and ending of one session
 * happen under the session's monitor, so the pre-pairing buffer reaches the second party
 * in order and before anything sent later, and the stats line is written exactly once,
 * after both parties are gone.
 */
final class TunnelRegistry {

	private static final String KEY_PREFIX = "tunnel:";

	private final Map<String, TunnelSession> sessions = new ConcurrentHashMap<>();

	private final Directory directory;

	private final TunnelOptions options;

	private final TunnelStats stats;

	private final LongConsumer sessionsChanged;

	private final Scheduler scheduler;

	private final Clock clock;

	/**
	 * Create a registry.
	 * @param sessionsChanged told of every change of {@link #size()}, by how much
	 */
	TunnelRegistry(Directory directory, TunnelOptions options, TunnelStats stats, Scheduler scheduler, Clock clock,
			LongConsumer sessionsChanged) {
		this.directory = directory;
		this.options = options;
		this.stats = stats;
		this.sessionsChanged = sessionsChanged;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * Make the connection the first or second party of its session. A first party also
	 * claims the session id in the {@link Directory}, so two nodes never both open it; a
	 * second party meets the first on the node that holds the session (a tunnel forwards
	 * network buffers, so both parties are on one node). A session opened here belongs to
	 * the token's subject; a party of another subject joins only when its token names the
	 * session, and is refused before a full session would be reported to it.
	 * @return the outcome
	 */
	Mono<Joining> join(String id, Connection connection, VerifiedToken token) {
		Joining joining = joinHere(id, connection, token);
		TunnelSession session = joining.session();
		if (session == null || session.first != connection) {
			return Mono.just(joining);
		}
		return this.directory.claim(KEY_PREFIX + id, connection.id(), null).map((claimed) -> {
			if (claimed) {
				return joining;
			}
			// Another node holds the session: this one gives way.
			synchronized (session) {
				end(session, connection);
			}
			return new Joining(null, false);
		});
	}

	private Joining joinHere(String id, Connection connection, VerifiedToken token) {
		while (true) {
			TunnelSession session = this.sessions.get(id);
			if (session == null) {
				TunnelSession created = new TunnelSession(id, connection, SessionOwnership.ownerOf(token),
						System.nanoTime());
				synchronized (created) {
					if (this.sessions.putIfAbsent(id, created) == null) {
						this.sessionsChanged.accept(1);
						created.timer = this.scheduler.schedule(() -> waitedTooLong(created),
								this.options.waitTimeout().toMillis(), TimeUnit.MILLISECONDS);
						return new Joining(created, false);
					}
				}
				continue;
			}
			synchronized (session) {
				if (session.ended) {
					continue;
				}
				if (!SessionOwnership.admits(session.owner, token, id)) {
					return new Joining(null, true);
				}
				if (session.second != null) {
					return new Joining(null, false);
				}
				session.second = connection;
				if (session.timer != null) {
					session.timer.dispose();
					session.timer = null;
				}
				// Delivery starts now: the wait for this party is not delivery latency.
				session.buffer.forEach((frame) -> forwarded(true, frame.size(), connection.send(frame.restamped())));
				session.buffer.clear();
				session.bufferedBytes = 0;
				session.lastFrameNanos = System.nanoTime();
				if (this.options.idleTimeout() != null) {
					session.timer = Flux.interval(this.options.idleTimeout().dividedBy(2), this.scheduler)
						.subscribe((tick) -> idleCheck(session));
				}
				return new Joining(session, false);
			}
		}
	}

	/**
	 * Forward a frame to the other party, or buffer it until that party arrives. After
	 * pairing, a text frame ends the session, as the original relay did.
	 */
	void forward(TunnelSession session, Connection from, Frame frame) {
		synchronized (session) {
			if (session.ended) {
				frame.release();
				return;
			}
			session.lastFrameNanos = System.nanoTime();
			Connection peer = session.peerOf(from);
			if (frame.isText()) {
				frame.release();
				if (peer != null) {
					end(session, from);
					from.close(CloseReason.NORMAL);
				}
				return;
			}
			if (peer != null) {
				forwarded(session.first == from, frame.size(), peer.send(frame));
			}
			else if (session.bufferedBytes + frame.size() > this.options.bufferSize()) {
				frame.release();
				from.abort(CloseReason.BUFFER_FULL);
			}
			else {
				session.buffer.add(frame);
				session.bufferedBytes += frame.size();
			}
		}
	}

	private void forwarded(boolean fromFirst, int bytes, boolean accepted) {
		if (accepted) {
			this.stats.forwarded(fromFirst, bytes);
		}
	}

	/**
	 * A party's connection is gone: the other party is closed with 1000, and once every
	 * party is gone the stats line is written.
	 */
	void closed(TunnelSession session, Connection connection) {
		boolean complete;
		synchronized (session) {
			session.closes++;
			end(session, connection);
			complete = session.closes == session.parties();
		}
		if (complete) {
			Connection second = session.second;
			long clientToServer = (second != null) ? second.deliveredBytes() : 0;
			this.stats.write(session.id, System.nanoTime() - session.startedNanos, clientToServer,
					session.first.deliveredBytes(), this.clock.instant());
		}
	}

	/**
	 * The owner of a live session.
	 * @return its owner, or {@code null} when it has none or does not exist
	 */
	@Nullable String owner(String id) {
		TunnelSession session = this.sessions.get(id);
		return (session != null) ? session.owner : null;
	}

	int size() {
		return this.sessions.size();
	}

	private void end(TunnelSession session, Connection by) {
		if (session.ended) {
			return;
		}
		session.ended = true;
		session.buffer.forEach(Frame::release);
		session.buffer.clear();
		if (session.timer != null) {
			session.timer.dispose();
			session.timer = null;
		}
		if (this.sessions.remove(session.id, session)) {
			this.sessionsChanged.accept(-1);
		}
		this.directory.release(KEY_PREFIX + session.id, session.first.id()).subscribe();
		Connection peer = session.peerOf(by);
		if (peer != null) {
			peer.close(CloseReason.NORMAL);
		}
	}

	private void waitedTooLong(TunnelSession session) {
		synchronized (session) {
			if (session.second == null && !session.ended) {
				session.first.close(CloseReason.NORMAL);
			}
		}
	}

	private void idleCheck(TunnelSession session) {
		long idle = System.nanoTime() - session.lastFrameNanos;
		if (this.options.idleTimeout() != null && idle > this.options.idleTimeout().toNanos()) {
			synchronized (session) {
				end(session, session.first);
				session.first.close(CloseReason.NORMAL);
			}
		}
	}

	/**
	 * The outcome of {@link #join}.
	 *
	 * @param session the joined session, or {@code null} when refused
	 * @param notAllowed whether it was refused because the session belongs to another
	 * subject (otherwise a refusal means the session is full)
	 */
	record Joining(@Nullable TunnelSession session, boolean notAllowed) {
	}

}
