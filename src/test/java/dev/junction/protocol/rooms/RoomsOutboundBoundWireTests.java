package dev.junction.protocol.rooms;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionRegistry;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestWebSocket;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbound bound counts every byte accepted for a connection and not yet written to
 * the kernel: the protocol queue, frames on their way to the channel and the channel's
 * outbound buffer. A reader that stops reading is closed with 1013 once that figure would
 * pass the limit, and {@code junction_outbound_queued_bytes} reads the same figure while
 * it fills. Socket buffers are kept small on both sides, so that what the kernel holds
 * (which the bound rightly leaves out) is a small known slack.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.protocols.rooms.auth=none", "junction.protocols.rooms.max-frame-size=2MB",
				"junction.limits.outbound-queue-bytes=16MB", "junction.limits.outbound-queue-messages=100000",
				"junction.limits.inbound-bytes-per-second=100GB", "junction.keepalive.timeout=120s",
				"junction.keepalive.interval=60s", "junction.shutdown.close-timeout=30s" })
class RoomsOutboundBoundWireTests {

	private static final int FRAME = 1024 * 1024;

	private static final long LIMIT = 16L * 1024 * 1024;

	/** What the kernel may hold on both sides of the small socket buffers, with room. */
	private static final long KERNEL_SLACK = 512 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry connections;

	@Autowired
	MeterRegistry meters;

	@Test
	void readerThatStopsReadingShouldBeClosed1013WithinTheLimitAndTheMeterShouldTrackIt() throws Exception {
		TestWebSocket alice = TestWebSocket.connect(this.port, "/ws");
		String code = RoomsWireTests.create(alice, "a", "Alice");
		TestWebSocket bob = TestWebSocket.connect(this.port, "/ws");
		RoomsWireTests.join(bob, code, "b", "Bob");
		alice.nextText();
		Set<Connection> before = new HashSet<>(this.connections.all());
		try (RawWebSocket slow = RawWebSocket.upgradeWithReceiveBuffer(this.port, 16 * 1024, "/ws")) {
			assertThat(slow.status()).isEqualTo(101);
			slow.sendText(RoomsWireTests.joinMessage(code, "s", "Slow"));
			Connection slowOnServer = await().until(() -> this.connections.all()
				.stream()
				.filter((connection) -> !before.contains(connection))
				.findFirst()
				.orElse(null), (found) -> found != null);
			alice.nextText();
			bob.nextText();
			Random random = new Random(11);
			byte[] frame = new byte[FRAME];
			// 200 MB offered at most; the slow reader must be closed long before.
			int sent = 0;
			while (sent < 200 && slowOnServer.closeReason() == null) {
				random.nextBytes(frame);
				alice.sendBinary(frame);
				sent++;
				assertThat(bob.nextBinary()).isEqualTo(frame);
				long offered = (long) sent * FRAME;
				// Each frame sent so far was accepted for the slow reader, or it is
				// closed;
				// the meter reaches what was accepted, less what the kernel took.
				await().until(() -> slowOnServer.closeReason() != null || queuedBytesMeter() >= offered - KERNEL_SLACK);
				long metered = queuedBytesMeter();
				assertThat(metered).isLessThanOrEqualTo(LIMIT + FRAME);
				if (slowOnServer.closeReason() == null && offered >= 6 * FRAME) {
					assertThat((double) metered).isCloseTo((double) offered, Percentage.withPercentage(10));
				}
			}
			await().until(() -> slowOnServer.closeReason() != null);
			assertThat(slowOnServer.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);
			// The frame that would pass the limit is the one refused: everything before
			// it
			// fits the limit plus what the kernel holds.
			assertThat((long) (sent - 1) * FRAME).as("bytes accepted for the slow reader")
				.isLessThanOrEqualTo(LIMIT + KERNEL_SLACK);
			// What reaches the reader when it reads again: at most what was accepted,
			// then 1013.
			long dataBytes = 0;
			RawWebSocket.Frame read = slow.readFrame();
			while (read.opcode() != 8) {
				dataBytes += (read.opcode() == 1 || read.opcode() == 2) ? read.payload().length : 0;
				read = slow.readFrame();
			}
			assertThat(read.closeCode()).isEqualTo(1013);
			assertThat(dataBytes).isLessThanOrEqualTo(LIMIT + FRAME);
		}
		bob.assertOpen();
		alice.assertOpen();
		await().until(() -> queuedBytesMeter() == 0);
	}

	private long queuedBytesMeter() {
		Gauge gauge = this.meters.find("junction.outbound.queued.bytes").gauge();
		assertThat(gauge).isNotNull();
		return (long) gauge.value();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SmallSendBuffers {

		@Bean
		NettyServerCustomizer smallSendBuffer() {
			return (server) -> server.childOption(ChannelOption.SO_SNDBUF, 16 * 1024);
		}

	}

}
