package dev.junction.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.junction.core.CloseReason;
import dev.junction.core.ConnectionTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The core's {@link ConnectionTransport} over a WebFlux {@link WebSocketSession}. Closes
 * the session for the core: a close frame first, then, if the peer has not completed the
 * close handshake in time (it may have stopped reading), the socket.
 */
final class WebSocketTransport implements ConnectionTransport {

	private final WebSocketSession session;

	private final Scheduler scheduler;

	private final Duration closeTimeout;

	private volatile @Nullable InboundPacer pacer;

	WebSocketTransport(WebSocketSession session, Scheduler scheduler, Duration closeTimeout) {
		this.session = session;
		this.scheduler = scheduler;
		this.closeTimeout = closeTimeout;
	}

	/**
	 * The reader of the session's inbound messages, which pauses when the core asks.
	 */
	void pacer(InboundPacer pacer) {
		this.pacer = pacer;
	}

	@Override
	public void readingPaused(boolean paused) {
		InboundPacer reader = this.pacer;
		if (reader != null) {
			reader.hold(paused);
		}
	}

	@Override
	public void closeAfterQueue(CloseReason reason) {
		disposeLater();
	}

	@Override
	public void authenticated() {
		if (this.session instanceof JunctionWebSocketSession junctionSession) {
			junctionSession.authenticated();
		}
	}

	@Override
	public void closeNow(CloseReason reason) {
		this.session.close(new CloseStatus(reason.code(), reason.reason()))
			.onErrorResume((ex) -> Mono.empty())
			.subscribe();
		disposeLater();
	}

	@Override
	public void taken(long bytes) {
		if (this.session instanceof JunctionWebSocketSession junctionSession) {
			junctionSession.taken(bytes);
		}
	}

	@Override
	public long pendingBytes() {
		return (this.session instanceof JunctionWebSocketSession junctionSession) ? junctionSession.pendingBytes() : 0;
	}

	private void disposeLater() {
		if (this.session instanceof JunctionWebSocketSession junctionSession) {
			this.scheduler.schedule(() -> {
				if (junctionSession.isOpen()) {
					junctionSession.dispose();
				}
			}, this.closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

}
