package dev.junction.cluster.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import dev.junction.cluster.PipeEnd;
import dev.junction.cluster.PipeWindow;
import dev.junction.cluster.Pipes;
import dev.junction.core.Frame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * {@link Pipes} between nodes of one process: for a single node (where nothing opens a
 * pipe) and for tests that run several nodes side by side. Each end hands what reaches it
 * to its receiver on a worker of its own, so receivers run in order and never inside the
 * sender's call (two nodes' locks are never held together).
 */
public final class InMemoryPipes implements Pipes {

	private final Map<String, Acceptor> listeners = new ConcurrentHashMap<>();

	private final Map<String, MemoryEnd> ends = new ConcurrentHashMap<>();

	private final long window;

	private final Scheduler scheduler;

	/**
	 * Create the pipes.
	 * @param window each direction's window, in bytes
	 * @param scheduler runs the receivers
	 */
	public InMemoryPipes(long window, Scheduler scheduler) {
		this.window = window;
		this.scheduler = scheduler;
	}

	@Override
	public Disposable listen(String node, Acceptor acceptor) {
		this.listeners.put(node, acceptor);
		return () -> this.listeners.remove(node, acceptor);
	}

	@Override
	public Mono<Opening> open(String pipeId, String node, String toNode, String greeting, PipeEnd.Receiver receiver) {
		return Mono.defer(() -> {
			Acceptor acceptor = this.listeners.get(toNode);
			if (acceptor == null) {
				return Mono.just(new Opening(null, GONE));
			}
			Sinks.One<Opening> answer = Sinks.one();
			MemoryEnd opener = new MemoryEnd(pipeId, node, receiver);
			acceptor.opened(new Request() {

				@Override
				public String pipeId() {
					return pipeId;
				}

				@Override
				public String fromNode() {
					return node;
				}

				@Override
				public String greeting() {
					return greeting;
				}

				@Override
				public PipeEnd accept(PipeEnd.Receiver accepting) {
					MemoryEnd end = new MemoryEnd(pipeId, toNode, accepting);
					end.other = opener;
					opener.other = end;
					register(opener);
					register(end);
					answer.tryEmitValue(new Opening(opener, null));
					return end;
				}

				@Override
				public void refuse(String reason) {
					answer.tryEmitValue(new Opening(null, reason));
				}

			});
			return answer.asMono();
		});
	}

	private void register(MemoryEnd end) {
		this.ends.put(end.node + "/" + end.pipeId, end);
	}

	/**
	 * A node died: the other end of each of its pipes is told {@link Pipes#GONE}, and
	 * nothing more reaches its own ends.
	 * @param node the node
	 */
	public void nodeGone(String node) {
		this.listeners.remove(node);
		this.ends.values().removeIf((end) -> {
			if (!end.node.equals(node)) {
				return false;
			}
			end.dead = true;
			MemoryEnd other = end.other;
			if (other != null) {
				other.deliverEnd(GONE);
			}
			return true;
		});
	}

	/**
	 * The ends still open, on every node.
	 * @return the count
	 */
	public int openEnds() {
		return this.ends.size();
	}

	private final class MemoryEnd implements PipeEnd {

		private final String pipeId;

		private final String node;

		private final Receiver receiver;

		private final PipeWindow sending = new PipeWindow(InMemoryPipes.this.window);

		private final Scheduler.Worker worker = InMemoryPipes.this.scheduler.createWorker();

		private volatile @Nullable MemoryEnd other;

		private volatile boolean closed;

		private volatile boolean ended;

		private volatile boolean dead;

		MemoryEnd(String pipeId, String node, Receiver receiver) {
			this.pipeId = pipeId;
			this.node = node;
			this.receiver = receiver;
		}

		@Override
		public boolean send(Frame frame) {
			MemoryEnd to = this.other;
			if (this.closed || this.dead || to == null) {
				frame.release();
				return true;
			}
			if (to.closed || to.ended) {
				frame.release();
				return true;
			}
			boolean room = this.sending.sent(frame.size());
			to.run(() -> {
				if (to.ended || to.closed) {
					frame.release();
				}
				else {
					to.receiver.received(frame);
				}
			});
			return room;
		}

		@Override
		public void acknowledge(long bytes) {
			MemoryEnd to = this.other;
			if (to != null && !this.dead && to.sending.acknowledged(bytes)) {
				to.run(() -> {
					if (!to.ended && !to.closed) {
						to.receiver.writable();
					}
				});
			}
		}

		@Override
		public long acknowledged() {
			return this.sending.acknowledged();
		}

		@Override
		public void close(@Nullable String reason) {
			if (this.closed || this.dead) {
				return;
			}
			this.closed = true;
			InMemoryPipes.this.ends.remove(this.node + "/" + this.pipeId, this);
			this.worker.dispose();
			MemoryEnd to = this.other;
			if (to != null) {
				to.deliverEnd(reason);
			}
		}

		/**
		 * Run a task on this end's worker, unless this end has closed (its worker is
		 * gone, and with it anything still meant for it).
		 */
		void run(Runnable task) {
			try {
				this.worker.schedule(task);
			}
			catch (RejectedExecutionException ex) {
				// Closed meanwhile: nothing is delivered to a closed end.
			}
		}

		void deliverEnd(@Nullable String reason) {
			run(() -> {
				if (!this.ended && !this.closed) {
					this.ended = true;
					InMemoryPipes.this.ends.remove(this.node + "/" + this.pipeId, this);
					this.receiver.ended(reason);
				}
			});
		}

	}

}
