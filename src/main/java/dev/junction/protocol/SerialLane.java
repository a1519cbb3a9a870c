package dev.junction.protocol;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.junction.core.Frame;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Runs steps one at a time, in the order they were submitted, on whichever thread is
 * there when it is a step's turn: the caller's, or the one that answered the operation
 * before. A step may {@link #await} an asynchronous operation; the lane then stays busy,
 * and holds what comes next, until that operation has answered. No thread ever waits.
 * <p>
 * Signaling's registrations change in such steps, so that a takeover, a move between
 * rooms and a late close never interleave even when the member lists answer later. A
 * connection's inbound frames go through {@link #offer}, so that a frame sent right after
 * a join is handled once the join has answered, in arrival order, never dropped and never
 * alongside another step of the same connection. Frames held that way are bounded in
 * count and bytes.
 */
public final class SerialLane {

	private static final Log logger = LogFactory.getLog(SerialLane.class);

	private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

	private final int maxHeldFrames;

	private final long maxHeldBytes;

	private final Consumer<RuntimeException> failures;

	private boolean running;

	private int awaiting;

	private int heldFrames;

	private long heldBytes;

	/**
	 * A lane for steps only, with no bound on what waits (each caller submits a step at a
	 * time).
	 */
	public SerialLane() {
		this(Integer.MAX_VALUE, Long.MAX_VALUE, (ex) -> logger.error("A step failed", ex));
	}

	/**
	 * A lane for a connection's frames.
	 * @param maxHeldFrames frames that may wait behind a busy lane
	 * @param maxHeldBytes bytes that may wait behind a busy lane; a single frame is held
	 * whatever its size (the frame limit bounds it)
	 * @param failures told of a step that threw after it had waited (one that runs at
	 * once throws to the caller instead); the steps behind it still run
	 */
	public SerialLane(int maxHeldFrames, long maxHeldBytes, Consumer<RuntimeException> failures) {
		this.maxHeldFrames = maxHeldFrames;
		this.maxHeldBytes = maxHeldBytes;
		this.failures = failures;
	}

	/**
	 * A step that runs once the steps submitted before it have answered.
	 * @param step makes the step's answer; called when it is this step's turn
	 * @return the step's answer
	 */
	public <T> Mono<T> run(Supplier<Mono<T>> step) {
		return Mono.create((sink) -> submit(() -> {
			Mono<T> answer;
			try {
				answer = step.get();
			}
			catch (RuntimeException ex) {
				sink.error(ex);
				return;
			}
			await(answer.doOnSuccess(sink::success).doOnError(sink::error));
		}));
	}

	/**
	 * Hand a frame to its handler now when the lane is idle, else hold it until the steps
	 * before it have answered.
	 * @param frame the frame
	 * @param handler handles the frame; may {@link #await} an operation
	 * @return false when the frame would take the held frames over their bound: it is
	 * neither held nor handled, and the frames held so far are released and dropped
	 */
	public boolean offer(Frame frame, Consumer<Frame> handler) {
		synchronized (this) {
			if (isBusy()) {
				return hold(frame, handler);
			}
			this.running = true;
		}
		// The hot path (a relay on an idle lane): two uncontended monitors and nothing
		// allocated.
		try {
			handler.accept(frame);
		}
		finally {
			drain();
		}
		return true;
	}

	/**
	 * Keep the lane busy until an operation has answered; called from within a step. Its
	 * errors end the wait like an answer does, so the caller handles them first.
	 * @param operation the operation, subscribed to here
	 */
	public void await(Mono<?> operation) {
		synchronized (this) {
			this.awaiting++;
		}
		operation.subscribe(null, (error) -> resume(), this::resume);
	}

	private boolean isBusy() {
		return this.running || this.awaiting > 0 || !this.queue.isEmpty();
	}

	private boolean hold(Frame frame, Consumer<Frame> handler) {
		boolean overCount = this.heldFrames >= this.maxHeldFrames;
		boolean overBytes = this.heldFrames > 0 && this.heldBytes + frame.size() > this.maxHeldBytes;
		if (overCount || overBytes) {
			dropHeldFrames();
			frame.release();
			return false;
		}
		this.heldFrames++;
		this.heldBytes += frame.size();
		this.queue.add(new HeldFrame(frame, handler));
		return true;
	}

	private void dropHeldFrames() {
		Iterator<Runnable> steps = this.queue.iterator();
		while (steps.hasNext()) {
			if (steps.next() instanceof HeldFrame held) {
				steps.remove();
				held.frame.release();
			}
		}
		this.heldFrames = 0;
		this.heldBytes = 0;
	}

	private void submit(Runnable step) {
		synchronized (this) {
			if (isBusy()) {
				this.queue.add(step);
				return;
			}
			this.running = true;
		}
		try {
			step.run();
		}
		finally {
			drain();
		}
	}

	private void resume() {
		synchronized (this) {
			this.awaiting--;
			if (this.running || this.awaiting > 0) {
				// The step that awaited is still running (the operation answered at
				// once),
				// or another wait is open: whoever finishes last goes on.
				return;
			}
			this.running = true;
		}
		drain();
	}

	/**
	 * Run what waits, one step after the other, until the lane is empty or a step awaits.
	 * Called with {@code running} set; clears it on the way out.
	 */
	private void drain() {
		while (true) {
			Runnable step;
			synchronized (this) {
				step = (this.awaiting > 0) ? null : this.queue.poll();
				if (step == null) {
					this.running = false;
					return;
				}
				if (step instanceof HeldFrame held) {
					this.heldFrames--;
					this.heldBytes -= held.frame.size();
				}
			}
			try {
				step.run();
			}
			catch (RuntimeException ex) {
				// A failed step must not strand the ones behind it, nor throw into the
				// thread that answered the operation before.
				this.failures.accept(ex);
			}
		}
	}

	private record HeldFrame(Frame frame, Consumer<Frame> handler) implements Runnable {

		@Override
		public void run() {
			this.handler.accept(this.frame);
		}

	}

}
