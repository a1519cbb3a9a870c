package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Whether this node's link to Redis works, told by a periodic round trip of a probe
 * through Redis and back to the node's own pub/sub connection
 * ({@link RedisBroker#probe}). The link is down until the first probe has come back, goes
 * down when one fails or does not come back in time, and up again when one does. Each
 * change is logged once.
 */
public final class RedisLink {

	private static final Log logger = LogFactory.getLog(RedisLink.class);

	private final Supplier<Mono<Void>> probe;

	private final Duration interval;

	private final Duration timeout;

	private final Scheduler scheduler;

	private final Consumer<Duration> roundTrips;

	private volatile State state = new State(false, "no probe has come back yet");

	private volatile boolean probed;

	/**
	 * A link that probes with the given probe.
	 * @param probe one round trip through Redis
	 * @param interval how often to probe
	 * @param timeout how long a probe may take before the link counts as down
	 * @param scheduler where the probes are timed and their outcome handled
	 * @param roundTrips told each round trip that came back in time
	 */
	public RedisLink(Supplier<Mono<Void>> probe, Duration interval, Duration timeout, Scheduler scheduler,
			Consumer<Duration> roundTrips) {
		this.probe = probe;
		this.interval = interval;
		this.timeout = timeout;
		this.scheduler = scheduler;
		this.roundTrips = roundTrips;
	}

	/**
	 * Start probing, at once and then every interval; a probe still under way when the
	 * next is due makes that one wait for it.
	 * @return stops the probing
	 */
	public Disposable start() {
		return Flux.interval(Duration.ZERO, this.interval, this.scheduler)
			.onBackpressureDrop()
			.concatMap((tick) -> probeOnce(), 1)
			.subscribe();
	}

	/**
	 * Probe once and take the outcome as the link's state.
	 * @return completes when the outcome is known
	 */
	Mono<Void> probeOnce() {
		return Mono.defer(() -> {
			long started = this.scheduler.now(TimeUnit.NANOSECONDS);
			return this.probe.get()
				.timeout(this.timeout, this.scheduler)
				.publishOn(this.scheduler)
				.then(Mono.fromRunnable(() -> {
					Duration roundTrip = Duration.ofNanos(this.scheduler.now(TimeUnit.NANOSECONDS) - started);
					this.roundTrips.accept(roundTrip);
					change(new State(true, null));
				}))
				.onErrorResume((ex) -> {
					change(new State(false, reason(ex)));
					return Mono.empty();
				})
				.then();
		});
	}

	private String reason(Throwable ex) {
		if (ex instanceof TimeoutException) {
			return "no probe came back through Redis within " + this.timeout.toMillis() + " ms";
		}
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private void change(State next) {
		State previous = this.state;
		this.state = next;
		boolean first = !this.probed;
		this.probed = true;
		if (!first && previous.up() == next.up()) {
			return;
		}
		if (next.up()) {
			logger.info("Cluster link up: a probe came back through Redis");
		}
		else {
			logger.warn("Cluster link down: " + next.reason());
		}
	}

	/**
	 * Whether the last probe came back in time.
	 * @return {@code true} when it did
	 */
	public boolean up() {
		return this.state.up();
	}

	/**
	 * Why the link is down.
	 * @return the reason, {@code null} while the link is up
	 */
	public @Nullable String reason() {
		return this.state.reason();
	}

	private record State(boolean up, @Nullable String reason) {
	}

}
