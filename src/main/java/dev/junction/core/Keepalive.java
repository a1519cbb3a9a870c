package dev.junction.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Finds dead connections with WebSocket pings instead of waiting for a close that may
 * never come: every interval each connection gets a ping, and one not heard from (any
 * frame, pongs included) within the timeout is closed with
 * {@link CloseReason#KEEPALIVE_TIMEOUT}.
 */
public final class Keepalive {

	private final ConnectionRegistry connections;

	private final Duration interval;

	private final Duration timeout;

	private final Scheduler scheduler;

	public Keepalive(ConnectionRegistry connections, Duration interval, Duration timeout, Scheduler scheduler) {
		this.connections = connections;
		this.interval = interval;
		this.timeout = timeout;
		this.scheduler = scheduler;
	}

	/**
	 * Start sweeping.
	 * @return the running sweep; dispose it to stop
	 */
	public Disposable start() {
		return Flux.interval(this.interval, this.scheduler).subscribe((tick) -> sweep());
	}

	void sweep() {
		long now = this.scheduler.now(TimeUnit.MILLISECONDS);
		long deadline = now - this.timeout.toMillis();
		for (Connection connection : this.connections.all()) {
			if (connection.lastSeen() < deadline) {
				connection.abort(CloseReason.KEEPALIVE_TIMEOUT);
			}
			else {
				connection.send(Frame.PING);
			}
		}
	}

}
