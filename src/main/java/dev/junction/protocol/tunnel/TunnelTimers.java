package dev.junction.protocol.tunnel;

import java.util.concurrent.TimeUnit;

import dev.junction.core.CloseReason;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The two timers of a session, one after the other in {@link TunnelSession#timer}: the
 * wait for the second party, which closes a first party that waited too long, then the
 * idle watch, which ends a paired session no frame crossed for the idle timeout.
 */
final class TunnelTimers {

	private final TunnelOptions options;

	private final Scheduler scheduler;

	private final TunnelSessions sessions;

	TunnelTimers(TunnelOptions options, Scheduler scheduler, TunnelSessions sessions) {
		this.options = options;
		this.scheduler = scheduler;
		this.sessions = sessions;
	}

	/**
	 * A new session waits for its second party. Under the session's monitor.
	 */
	void awaitSecond(TunnelSession session) {
		session.timer = this.scheduler.schedule(() -> waitedTooLong(session), this.options.waitTimeout().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * The second party has arrived: the wait ends and the idle watch starts. Under the
	 * session's monitor.
	 */
	void paired(TunnelSession session) {
		if (session.timer != null) {
			session.timer.dispose();
			session.timer = null;
		}
		session.lastFrameNanos = System.nanoTime();
		if (this.options.idleTimeout() != null) {
			session.timer = Flux.interval(this.options.idleTimeout().dividedBy(2), this.scheduler)
				.subscribe((tick) -> idleCheck(session));
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
				this.sessions.end(session, session.first);
				session.first.close(CloseReason.NORMAL);
			}
		}
	}

}
