package dev.junction.protocol.tunnel;

import java.time.Clock;
import java.util.function.LongConsumer;

import dev.junction.cluster.Directory;
import dev.junction.cluster.PipeEnd;
import dev.junction.cluster.Pipes;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.security.SessionOwnership;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The tunnels of this node. Pairing, forwarding, buffering and ending of one session
 * happen under the session's monitor, so the pre-pairing buffer reaches the second party
 * in order and before anything sent later, and the stats line is written exactly once,
 * after both parties are gone, on the node that holds the session. A second party whose
 * session another node holds reaches it through {@link TunnelCrossing}. The table of live
 * sessions is {@link TunnelSessions}; their timers are {@link TunnelTimers}.
 */
final class TunnelRegistry {

	private final TunnelSessions sessions;

	private final TunnelOptions options;

	private final TunnelStats stats;

	private final TunnelTimers timers;

	private final Clock clock;

	private final @Nullable TunnelCrossing crossing;

	/**
	 * Create a registry whose sessions never cross nodes: a second party whose session
	 * another node holds gives way.
	 * @param sessionsChanged told of every change of {@link #size()}, by how much
	 */
	TunnelRegistry(Directory directory, TunnelOptions options, TunnelStats stats, Scheduler scheduler, Clock clock,
			LongConsumer sessionsChanged) {
		this(directory, null, "", options, stats, scheduler, clock, sessionsChanged);
	}

	/**
	 * Create a registry.
	 * @param pipes carry the frames of sessions whose parties are on two nodes, or
	 * {@code null} to give way instead
	 * @param node this node's id
	 * @param sessionsChanged told of every change of {@link #size()}, by how much
	 */
	TunnelRegistry(Directory directory, @Nullable Pipes pipes, String node, TunnelOptions options, TunnelStats stats,
			Scheduler scheduler, Clock clock, LongConsumer sessionsChanged) {
		this.sessions = new TunnelSessions(directory, sessionsChanged);
		this.options = options;
		this.stats = stats;
		this.timers = new TunnelTimers(options, scheduler, this.sessions);
		this.clock = clock;
		this.crossing = (pipes != null) ? new TunnelCrossing(this, this.sessions, pipes, node, directory) : null;
	}

	/**
	 * Stop accepting parties from other nodes.
	 */
	void stop() {
		if (this.crossing != null) {
			this.crossing.stop();
		}
	}

	/**
	 * Make the connection the first or second party of its session. A first party also
	 * claims the session id in the {@link Directory}, so two nodes never both open it; a
	 * second party whose session another node holds reaches it through a pipe (or,
	 * without pipes, gives way). A session opened here belongs to the token's subject; a
	 * party of another subject joins only when its token names the session, and is
	 * refused before a full session would be reported to it.
	 * @return the outcome
	 */
	Mono<Joining> join(String id, Connection connection, VerifiedToken token) {
		Joining joining = joinHere(id, connection, token);
		TunnelSession session = joining.session();
		if (session == null || session.first != connection) {
			return Mono.just(joining);
		}
		return this.sessions.claim(session).flatMap((claimed) -> {
			if (claimed) {
				return Mono.just(joining);
			}
			if (this.crossing != null) {
				return this.crossing.visit(session, token);
			}
			return Mono.just(giveWay(session));
		});
	}

	/**
	 * Another node holds the session and this party cannot reach it: it gives way.
	 * @return the refusal
	 */
	Joining giveWay(TunnelSession session) {
		synchronized (session) {
			this.sessions.end(session, session.first);
		}
		return new Joining(null, false);
	}

	private Joining joinHere(String id, Connection connection, VerifiedToken token) {
		while (true) {
			TunnelSession session = this.sessions.get(id);
			if (session == null) {
				TunnelSession created = new TunnelSession(id, connection, SessionOwnership.ownerOf(token),
						System.nanoTime());
				synchronized (created) {
					if (this.sessions.add(created)) {
						this.timers.awaitSecond(created);
						return new Joining(created, false);
					}
				}
				continue;
			}
			synchronized (session) {
				if (session.ended) {
					continue;
				}
				if (session.visiting) {
					// Its parties are this node's and the holding node's: it is full.
					return new Joining(null, false);
				}
				if (!SessionOwnership.admits(session.owner, token, id)) {
					return new Joining(null, true);
				}
				if (session.second != null || session.pipe != null || session.visiting) {
					return new Joining(null, false);
				}
				session.second = connection;
				// Delivery starts now: the wait for this party is not delivery latency.
				session.buffer.forEach((frame) -> forwarded(true, frame.size(), connection.send(frame.restamped())));
				paired(session);
				return new Joining(session, false);
			}
		}
	}

	/**
	 * The second party has arrived, here or through a pipe, and the buffer has gone to
	 * it: the wait ends and the idle watch starts. Under the session's monitor.
	 */
	void paired(TunnelSession session) {
		session.buffer.clear();
		session.bufferedBytes = 0;
		this.timers.paired(session);
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
			PipeEnd pipe = session.pipe;
			if (pipe != null && this.crossing != null) {
				this.crossing.forward(session, pipe, from, frame);
				return;
			}
			Connection peer = session.peerOf(from);
			if (frame.isText()) {
				frame.release();
				if (peer != null) {
					this.sessions.end(session, from);
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

	void forwarded(boolean fromFirst, int bytes, boolean accepted) {
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
			this.sessions.end(session, connection);
			complete = session.complete();
		}
		if (complete) {
			writeStats(session);
		}
	}

	/**
	 * Write the stats line of a session whose parties are all gone, unless another node
	 * holds it (that node writes it, once). Bytes to a party on another node are those it
	 * acknowledged: what it handed to its socket.
	 */
	void writeStats(TunnelSession session) {
		if (session.visiting) {
			return;
		}
		Connection second = session.second;
		PipeEnd pipe = session.pipe;
		long clientToServer = (second != null) ? second.deliveredBytes() : (pipe != null) ? pipe.acknowledged() : 0;
		this.stats.write(session.id, System.nanoTime() - session.startedNanos, clientToServer,
				session.first.deliveredBytes(), this.clock.instant());
	}

	/**
	 * The owner of a live session.
	 * @return its owner, or {@code null} when it has none or does not exist
	 */
	@Nullable String owner(String id) {
		return this.sessions.owner(id);
	}

	int size() {
		return this.sessions.size();
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
