package dev.junction.web;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * Reads a session's inbound messages with demand kept in small batches, so that reading
 * can pause. Each message is handled while its buffer is still valid; the handler answers
 * how long reading should pause (a sender over its byte rate). While paused no more is
 * requested, Reactor Netty stops reading the socket, and TCP pushes back on the sender.
 */
final class InboundPacer extends BaseSubscriber<WebSocketMessage> {

	/**
	 * Messages requested ahead. Small, so that a pause takes effect within a few
	 * messages; topped up at half, so that an unpaused reader never runs dry.
	 */
	static final int BATCH = 16;

	private final ToLongFunction<WebSocketMessage> handler;

	private final LongSupplier nanosStillOwed;

	private final Runnable onPause;

	private final Scheduler scheduler;

	private final Sinks.Empty<Void> done = Sinks.empty();

	private int outstanding;

	private boolean paused;

	private boolean held;

	private @Nullable Disposable resumption;

	/**
	 * Create a pacer.
	 * @param handler handles one message and answers the pause it calls for, in
	 * nanoseconds (0 for none)
	 * @param nanosStillOwed how much longer a pause must last when it is due to end
	 * @param onPause told each time reading pauses
	 * @param scheduler runs the end of a pause
	 */
	InboundPacer(ToLongFunction<WebSocketMessage> handler, LongSupplier nanosStillOwed, Runnable onPause,
			Scheduler scheduler) {
		this.handler = handler;
		this.nanosStillOwed = nanosStillOwed;
		this.onPause = onPause;
		this.scheduler = scheduler;
	}

	/**
	 * Read the messages at the pace the handler allows.
	 * @param messages the session's inbound messages
	 * @return completes (or fails) with the inbound side
	 */
	Mono<Void> read(Flux<WebSocketMessage> messages) {
		return Mono.defer(() -> {
			messages.subscribe(this);
			return this.done.asMono();
		}).doOnCancel(this::dispose);
	}

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
		synchronized (this) {
			this.outstanding = BATCH;
		}
		request(BATCH);
	}

	@Override
	protected void hookOnNext(WebSocketMessage message) {
		long pause = this.handler.applyAsLong(message);
		int more = 0;
		boolean pausing = false;
		synchronized (this) {
			this.outstanding--;
			if (this.paused || this.held) {
				if (pause > 0 && !this.paused) {
					this.paused = true;
					this.resumption = this.scheduler.schedule(this::resume, pause, TimeUnit.NANOSECONDS);
				}
				return;
			}
			if (pause > 0) {
				this.paused = true;
				pausing = true;
				this.resumption = this.scheduler.schedule(this::resume, pause, TimeUnit.NANOSECONDS);
			}
			else if (this.outstanding <= BATCH / 2) {
				more = topUp();
			}
		}
		if (pausing) {
			this.onPause.run();
		}
		if (more > 0) {
			request(more);
		}
	}

	private void resume() {
		if (isDisposed()) {
			return;
		}
		long owed = this.nanosStillOwed.getAsLong();
		int more;
		synchronized (this) {
			if (owed > 0) {
				this.resumption = this.scheduler.schedule(this::resume, owed, TimeUnit.NANOSECONDS);
				return;
			}
			this.paused = false;
			this.resumption = null;
			more = this.held ? 0 : topUp();
		}
		if (more > 0) {
			request(more);
		}
	}

	/**
	 * Hold reading (the protocol's receiver elsewhere has not caught up) or let it go on.
	 * Messages already requested still arrive; no more are requested while held.
	 * @param hold whether to hold
	 */
	void hold(boolean hold) {
		int more = 0;
		synchronized (this) {
			this.held = hold;
			if (!hold && !this.paused && this.outstanding <= BATCH / 2) {
				more = topUp();
			}
		}
		if (more > 0) {
			request(more);
		}
	}

	private int topUp() {
		int more = BATCH - this.outstanding;
		this.outstanding = BATCH;
		return more;
	}

	@Override
	protected void hookOnComplete() {
		this.done.tryEmitEmpty();
	}

	@Override
	protected void hookOnError(Throwable throwable) {
		this.done.tryEmitError(throwable);
	}

	@Override
	protected void hookFinally(SignalType type) {
		Disposable pending;
		synchronized (this) {
			pending = this.resumption;
			this.resumption = null;
		}
		if (pending != null) {
			pending.dispose();
		}
	}

}
