package dev.junction.protocol.signaling;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Runs asynchronous steps one at a time, in the order they were submitted: the next
 * starts when the one before has answered. Signaling's registrations change in such
 * steps, so that a takeover, a move between rooms and a late close never interleave even
 * when the member lists answer later; no thread ever waits for one.
 */
final class SerialLane {

	private final Queue<Runnable> queue = new ArrayDeque<>();

	private boolean busy;

	/**
	 * A step that runs once the steps submitted before it have answered.
	 * @param step makes the step's answer; called when it is this step's turn
	 * @return the step's answer
	 */
	<T> Mono<T> run(Supplier<Mono<T>> step) {
		return Mono.create((sink) -> submit(() -> {
			Mono<T> answer;
			try {
				answer = step.get();
			}
			catch (RuntimeException ex) {
				sink.error(ex);
				next();
				return;
			}
			answer.doFinally((signal) -> next()).subscribe(sink::success, sink::error, sink::success);
		}));
	}

	private void submit(Runnable step) {
		synchronized (this) {
			if (this.busy) {
				this.queue.add(step);
				return;
			}
			this.busy = true;
		}
		step.run();
	}

	private void next() {
		Runnable step;
		synchronized (this) {
			step = this.queue.poll();
			if (step == null) {
				this.busy = false;
				return;
			}
		}
		step.run();
	}

}
