package dev.junction.protocol.tunnel;

import dev.junction.cluster.Directory;
import dev.junction.cluster.PipeEnd;
import dev.junction.cluster.Pipes;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import dev.junction.security.SessionOwnership;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Sessions whose two parties are on two nodes. The node that holds the session (its first
 * party's) accepts a pipe from the node of the second party; frames cross in both
 * directions through it, a reader acknowledging what its party's socket took, and a
 * writer whose window is full stops reading its party until acknowledgements free it.
 * When either side ends (its party closes, sends text, idles out, or its node dies), the
 * other side's party is closed with 1000, as when a peer goes on one node. Only the
 * holding node writes the stats line.
 */
final class TunnelCrossing {

	static final String FULL = "full";

	static final String NOT_ALLOWED = "not-allowed";

	private final TunnelRegistry registry;

	private final TunnelSessions sessions;

	private final Pipes pipes;

	private final String node;

	private final Directory directory;

	private final Disposable listening;

	TunnelCrossing(TunnelRegistry registry, TunnelSessions sessions, Pipes pipes, String node, Directory directory) {
		this.registry = registry;
		this.sessions = sessions;
		this.pipes = pipes;
		this.node = node;
		this.directory = directory;
		this.listening = pipes.listen(node, this::opened);
	}

	void stop() {
		this.listening.dispose();
	}

	/**
	 * The local party is the second of a session another node holds: open a pipe to that
	 * node, which checks ownership and fullness and answers.
	 * @return the outcome
	 */
	Mono<TunnelRegistry.Joining> visit(TunnelSession session, VerifiedToken token) {
		synchronized (session) {
			if (session.ended) {
				return Mono.just(new TunnelRegistry.Joining(null, false));
			}
			session.visiting = true;
			if (session.timer != null) {
				session.timer.dispose();
				session.timer = null;
			}
			watchDeliveries(session);
		}
		String greeting = greeting(token, session.id);
		return this.directory.owner(TunnelSessions.KEY_PREFIX + session.id)
			.map(NodeId::of)
			.filter((holder) -> !holder.equals(this.node))
			.flatMap((holder) -> this.pipes.open(session.id, this.node, holder, greeting, new Receiver(session)))
			.map((opening) -> opened(session, opening))
			.switchIfEmpty(Mono.fromSupplier(() -> this.registry.giveWay(session)));
	}

	private TunnelRegistry.Joining opened(TunnelSession session, Pipes.Opening opening) {
		PipeEnd end = opening.end();
		if (end == null) {
			this.registry.giveWay(session);
			return new TunnelRegistry.Joining(null, NOT_ALLOWED.equals(opening.refusal()));
		}
		synchronized (session) {
			if (session.ended) {
				end.close(null);
				return new TunnelRegistry.Joining(null, false);
			}
			attach(session, end);
		}
		return new TunnelRegistry.Joining(session, false);
	}

	/**
	 * A party of another node asks for a session held here.
	 */
	private void opened(Pipes.Request request) {
		TunnelSession session = this.sessions.get(request.pipeId());
		if (session == null) {
			request.refuse(Pipes.GONE);
			return;
		}
		synchronized (session) {
			if (session.ended || session.visiting) {
				request.refuse(Pipes.GONE);
				return;
			}
			if (!admits(session.owner, request.greeting())) {
				request.refuse(NOT_ALLOWED);
				return;
			}
			if (session.second != null || session.pipe != null) {
				request.refuse(FULL);
				return;
			}
			PipeEnd end = request.accept(new Receiver(session));
			watchDeliveries(session);
			attach(session, end);
			boolean room = true;
			for (Frame frame : session.buffer) {
				room = end.send(onHeap(frame.restamped()));
			}
			this.registry.paired(session);
			if (!room) {
				session.first.pauseReading();
			}
		}
	}

	/**
	 * Forward a frame of the local party through the pipe. Under the session's monitor.
	 */
	void forward(TunnelSession session, PipeEnd pipe, Connection from, Frame frame) {
		if (frame.isText()) {
			frame.release();
			this.sessions.end(session, from);
			from.close(CloseReason.NORMAL);
			return;
		}
		if (!pipe.send(onHeap(frame))) {
			from.pauseReading();
		}
	}

	private static void attach(TunnelSession session, PipeEnd end) {
		session.pipe = end;
		if (session.unacknowledged > 0) {
			end.acknowledge(session.unacknowledged);
			session.unacknowledged = 0;
		}
	}

	/**
	 * Acknowledge what the local party's socket takes; frames may arrive (and be taken)
	 * before the pipe's end is known here.
	 */
	private static void watchDeliveries(TunnelSession session) {
		session.first.onDelivered((bytes) -> {
			PipeEnd pipe = session.pipe;
			if (pipe != null) {
				pipe.acknowledge(bytes);
				return;
			}
			synchronized (session) {
				if (session.pipe != null) {
					session.pipe.acknowledge(bytes);
				}
				else {
					session.unacknowledged += bytes;
				}
			}
		});
	}

	/**
	 * What the holding node needs to apply the ownership rule: whether the token names
	 * the session, and its subject. Never the token itself.
	 */
	static String greeting(VerifiedToken token, String sessionId) {
		String names = SessionOwnership.namesSession(token, sessionId) ? "1" : "0";
		String subject = token.subject();
		return (subject != null) ? names + ":" + subject : names;
	}

	static boolean admits(@Nullable String owner, String greeting) {
		if (owner == null || greeting.startsWith("1")) {
			return true;
		}
		return greeting.length() > 2 && owner.equals(greeting.substring(2));
	}

	/**
	 * A frame whose payload is on the heap: a pipe may outlive the network buffer.
	 */
	private static Frame onHeap(Frame frame) {
		if (frame.buffer() instanceof DataBuffer buffer) {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return Frame.binary(bytes);
		}
		return frame;
	}

	/**
	 * The local side of one crossing session's pipe.
	 */
	private final class Receiver implements PipeEnd.Receiver {

		private final TunnelSession session;

		Receiver(TunnelSession session) {
			this.session = session;
		}

		@Override
		public void received(Frame frame) {
			synchronized (this.session) {
				if (this.session.ended) {
					frame.release();
					return;
				}
				this.session.lastFrameNanos = System.nanoTime();
				// Counted where delivered, so once; a visiting party receives the
				// first's.
				TunnelCrossing.this.registry.forwarded(this.session.visiting, frame.size(),
						this.session.first.send(frame));
			}
		}

		@Override
		public void writable() {
			synchronized (this.session) {
				if (!this.session.ended) {
					this.session.first.resumeReading();
				}
			}
		}

		@Override
		public void ended(@Nullable String reason) {
			boolean complete;
			synchronized (this.session) {
				this.session.pipeDone = true;
				TunnelCrossing.this.sessions.end(this.session, null);
				complete = this.session.complete();
			}
			if (complete) {
				TunnelCrossing.this.registry.writeStats(this.session);
			}
		}

	}

}
