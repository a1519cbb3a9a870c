package dev.junction.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.support.RecordingTransport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection's bounded outbound queue and its closes.
 */
class ConnectionTests {

	private final RecordingTransport transport = new RecordingTransport();

	private final Connection connection = new Connection("1", "rooms", "127.0.0.1", new OutboundLimits(3, 100),
			this.transport, 0);

	@Test
	void sendShouldQueueFramesInOrderAndCountThem() {
		Frame a = Frame.text("a");
		Frame b = Frame.binary(new byte[10]);
		assertThat(this.connection.send(a)).isTrue();
		assertThat(this.connection.send(b)).isTrue();
		assertThat(this.connection.queuedMessages()).isEqualTo(2);
		assertThat(this.connection.queuedBytes()).isEqualTo(11);
		StepVerifier.create(this.connection.outbound())
			.expectNext(a, b)
			.then(() -> assertThat(this.connection.queuedBytes()).isZero())
			.then(() -> this.connection.close(CloseReason.NORMAL))
			.verifyComplete();
		assertThat(this.transport.closesAfterQueue()).containsExactly(CloseReason.NORMAL);
	}

	@Test
	void closeForRestartShouldRunTheStepBeforeTheClose() {
		Sinks.Empty<Void> leaving = Sinks.empty();
		this.connection.beforeRestart(leaving::asMono);
		this.connection.closeForRestart(CloseReason.SERVER_RESTART);
		assertThat(this.connection.isOpen()).isTrue();
		assertThat(this.transport.closesAfterQueue()).isEmpty();
		leaving.tryEmitEmpty();
		assertThat(this.transport.closesAfterQueue()).containsExactly(CloseReason.SERVER_RESTART);
	}

	@Test
	void closeForRestartShouldCloseWhenTheStepFails() {
		this.connection.beforeRestart(() -> Mono.error(new IllegalStateException("cluster down")));
		this.connection.closeForRestart(CloseReason.SERVER_RESTART);
		assertThat(this.transport.closesAfterQueue()).containsExactly(CloseReason.SERVER_RESTART);
	}

	@Test
	void closeForRestartWithoutAStepShouldCloseAtOnce() {
		this.connection.closeForRestart(CloseReason.SERVER_RESTART);
		assertThat(this.transport.closesAfterQueue()).containsExactly(CloseReason.SERVER_RESTART);
	}

	@Test
	void overflowInMessagesShouldAbortWithSlowConsumer() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.connection.send(Frame.text("x"))).isTrue();
		}
		assertThat(this.connection.send(Frame.text("x"))).isFalse();
		assertThat(this.connection.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);
		assertThat(this.transport.immediateCloses()).containsExactly(CloseReason.SLOW_CONSUMER);
		assertThat(this.connection.send(Frame.text("y"))).isFalse();
	}

	@Test
	void overflowInBytesShouldAbortWithSlowConsumer() {
		assertThat(this.connection.send(Frame.binary(new byte[60]))).isTrue();
		assertThat(this.connection.send(Frame.binary(new byte[41]))).isFalse();
		assertThat(this.transport.immediateCloses()).containsExactly(CloseReason.SLOW_CONSUMER);
	}

	@Test
	void bytesTheTransportStillHoldsShouldCountAgainstTheBound() {
		AtomicLong held = new AtomicLong();
		RecordingTransport closes = new RecordingTransport();
		ConnectionTransport transport = new ConnectionTransport() {

			@Override
			public void closeAfterQueue(CloseReason reason) {
				closes.closeAfterQueue(reason);
			}

			@Override
			public void closeNow(CloseReason reason) {
				closes.closeNow(reason);
			}

			@Override
			public void taken(long bytes) {
				held.addAndGet(bytes);
			}

			@Override
			public long pendingBytes() {
				return held.get();
			}

		};
		Connection connection = new Connection("2", "rooms", "127.0.0.1", new OutboundLimits(100, 100), transport, 0);
		assertThat(connection.send(Frame.binary(new byte[60]))).isTrue();
		StepVerifier.create(connection.outbound()).expectNextCount(1).thenCancel().verify(Duration.ofSeconds(5));
		assertThat(connection.queuedBytes()).isZero();
		assertThat(connection.pendingBytes()).as("taken, not yet written").isEqualTo(60);
		assertThat(connection.send(Frame.binary(new byte[41]))).isFalse();
		assertThat(closes.immediateCloses()).containsExactly(CloseReason.SLOW_CONSUMER);
	}

	@Test
	void closeShouldBeIdempotentAndKeepTheFirstReason() {
		this.connection.close(CloseReason.SERVER_RESTART);
		this.connection.abort(CloseReason.SLOW_CONSUMER);
		this.connection.close(CloseReason.NORMAL);
		assertThat(this.connection.closeReason()).isEqualTo(CloseReason.SERVER_RESTART);
		assertThat(this.transport.immediateCloses()).isEmpty();
		StepVerifier.create(this.connection.outbound()).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void markClosedShouldStopQueueingWithoutAskingTheTransport() {
		this.connection.markClosed();
		assertThat(this.connection.send(Frame.text("late"))).isFalse();
		assertThat(this.connection.closeReason()).isNull();
		assertThat(this.transport.immediateCloses()).isEmpty();
		assertThat(this.transport.closesAfterQueue()).isEmpty();
	}

}
