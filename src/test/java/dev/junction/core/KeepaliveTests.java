package dev.junction.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.junction.support.RecordingTransport;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keepalive in virtual time: pings every interval, close 1011 after the timeout.
 */
class KeepaliveTests {

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final ConnectionRegistry registry = new ConnectionRegistry();

	@Test
	void silentConnectionShouldBePingedThenClosedAfterTheTimeout() {
		RecordingTransport transport = new RecordingTransport();
		Connection silent = connection(transport);
		List<Frame> sent = new ArrayList<>();
		silent.outbound().subscribe(sent::add);
		Disposable keepalive = new Keepalive(this.registry, Duration.ofSeconds(30), Duration.ofSeconds(60),
				this.scheduler)
			.start();
		this.scheduler.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(sent).containsExactly(Frame.PING);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(sent).containsExactly(Frame.PING, Frame.PING);
		assertThat(silent.isOpen()).isTrue();
		this.scheduler.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(transport.immediateCloses()).containsExactly(CloseReason.KEEPALIVE_TIMEOUT);
		keepalive.dispose();
	}

	@Test
	void connectionThatAnswersShouldStayOpen() {
		RecordingTransport transport = new RecordingTransport();
		Connection lively = connection(transport);
		lively.outbound().subscribe();
		Disposable keepalive = new Keepalive(this.registry, Duration.ofSeconds(30), Duration.ofSeconds(60),
				this.scheduler)
			.start();
		for (int i = 0; i < 10; i++) {
			this.scheduler.advanceTimeBy(Duration.ofSeconds(30));
			lively.touch(this.scheduler.now(TimeUnit.MILLISECONDS));
		}
		assertThat(lively.isOpen()).isTrue();
		assertThat(transport.immediateCloses()).isEmpty();
		keepalive.dispose();
	}

	private Connection connection(RecordingTransport transport) {
		Connection connection = new Connection("1", "rooms", "127.0.0.1", new OutboundLimits(100, 1 << 20), transport,
				this.scheduler.now(TimeUnit.MILLISECONDS));
		this.registry.add(connection);
		return connection;
	}

}
