package dev.junction.web;

import java.time.Duration;
import java.util.Random;

import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sender over its inbound byte rate is slowed down, not closed: reads pause until the
 * allowance is back in credit, TCP pushes back, and every frame still arrives intact and
 * in order. A message flood is still closed with 1008 ({@code AdmissionLimitsWireTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.limits.max-frame-size=64KB",
				"junction.protocols.tunnel.max-frame-size=64KB", "junction.protocols.signaling.max-frame-size=64KB",
				"junction.protocols.pairs.max-message-size=64KB", "junction.limits.inbound-bytes-per-second=256KB",
				"junction.limits.inbound-messages-per-second=100000" })
class InboundBackPressureWireTests {

	private static final int FRAME = 16 * 1024;

	private static final int FRAMES = 64;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void tunnelSenderOverTheByteRateShouldBeSlowedAndLoseNothing() {
		String path = "/relay/paced-" + System.nanoTime() + "?token=" + TestTokens.token("party");
		TestWebSocket sender = TestWebSocket.connect(this.port, path);
		TestWebSocket receiver = TestWebSocket.connect(this.port, path);
		Random random = new Random(42);
		byte[][] frames = new byte[FRAMES][FRAME];
		for (byte[] frame : frames) {
			random.nextBytes(frame);
		}
		long start = System.nanoTime();
		Thread writer = new Thread(() -> {
			for (byte[] frame : frames) {
				sender.sendBinary(frame);
			}
		});
		writer.start();
		for (byte[] frame : frames) {
			assertThat(receiver.nextBinary()).isEqualTo(frame);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		// 1 MiB at 256 KB/s, less a one-second burst and one batch of reads already asked
		// for when a pause begins, cannot pass in less than 2 s; a relay that does not
		// pace
		// passes it in milliseconds. A slower machine only makes it longer.
		assertThat(took).isGreaterThan(Duration.ofMillis(1900));
		sender.assertOpen();
		receiver.assertOpen();
		Counter paused = this.meters.find("junction.limit.hits").tag("limit", "inbound_bytes").counter();
		assertThat(paused).isNotNull();
		assertThat(paused.count()).isPositive();
		Counter closedForRate = this.meters.find("junction.limit.hits").tag("limit", "inbound_rate").counter();
		assertThat((closedForRate != null) ? closedForRate.count() : 0).isZero();
		sender.close(1000);
	}

}
