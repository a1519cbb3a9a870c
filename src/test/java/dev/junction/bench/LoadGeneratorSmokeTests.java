package dev.junction.bench;

import java.net.URI;
import java.util.List;

import dev.junction.support.TestTokens;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's scenarios, tiny and short, against Junction and against
 * {@link BareRelay}: everything sent arrives once, in order, intact. No timing is
 * asserted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=none",
				"junction.limits.upgrades-per-second-per-address=1000",
				// Smoke runs check bookkeeping, not limits: rates out of the way.
				"junction.limits.inbound-bytes-per-second=100GB",
				"junction.limits.inbound-messages-per-second=1000000" })
class LoadGeneratorSmokeTests {

	private static EventLoopGroup group;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startClients() {
		group = BenchSocket.group(1);
	}

	@AfterAll
	static void stopClients() {
		group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
	}

	@Test
	void roomFanOutThroughJunctionShouldDeliverEverythingInOrder() throws Exception {
		assertRoomFanOut("ws://127.0.0.1:" + this.port);
	}

	@Test
	void tunnelThroughJunctionShouldDeliverIntactFrames() throws Exception {
		assertTunnel("ws://127.0.0.1:" + this.port, TestTokens.SECRET);
	}

	@Test
	void bareRelayShouldPassBothScenarios() throws Exception {
		BareRelay relay = BareRelay.start(0, 1);
		try {
			assertRoomFanOut("ws://127.0.0.1:" + relay.port());
			assertTunnel("ws://127.0.0.1:" + relay.port(), "");
		}
		finally {
			relay.stop();
		}
	}

	private void assertRoomFanOut(String url) throws Exception {
		RoomFanOut.Result result = RoomFanOut.run(group,
				new RoomFanOut.Settings(URI.create(url + "/ws"), 5, 2, 50, 64, 1.0, List.of(), CpuWindow.none()));
		assertThat(result.sent()).isEqualTo(100);
		assertThat(result.delivered()).isEqualTo(result.expected()).isEqualTo(400);
		assertThat(result.lost()).isZero();
		assertThat(result.duplicates()).isZero();
		assertThat(result.reordered()).isZero();
	}

	private void assertTunnel(String url, String secret) throws Exception {
		TunnelThroughput.Result result = TunnelThroughput.run(group,
				new TunnelThroughput.Settings((pair) -> LoadGenerator.tunnelUri(url, secret, "smoke-" + pair), 1,
						64 * 1024, 0.2, List.of(), CpuWindow.none()));
		assertThat(result.frames()).isPositive();
		assertThat(result.bytes()).isEqualTo(result.frames() * 64 * 1024);
		assertThat(result.badChecksums()).isZero();
		assertThat(result.lost()).isZero();
		assertThat(result.outOfOrder()).isZero();
	}

}
