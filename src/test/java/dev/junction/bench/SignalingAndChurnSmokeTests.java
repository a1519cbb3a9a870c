package dev.junction.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.junction.support.TestTokens;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios S3 (signaling directed messages) and S5 (connection churn), tiny and short,
 * against Junction and against {@link BareRelay}: every message arrives once, in order,
 * at the peer it was addressed to, no error frame comes back, and every connection
 * completes. No timing is asserted. Same configuration as
 * {@link LoadGeneratorSmokeTests}, so the two share one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=none",
				"junction.limits.upgrades-per-second-per-address=1000" })
class SignalingAndChurnSmokeTests {

	private static EventLoopGroup group;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startClients() {
		group = BenchSocket.group(1);
	}

	@AfterAll
	static void stopClients() {
		group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
	}

	@Test
	void signalingMessagesThroughJunctionShouldArriveOnceInOrder() throws Exception {
		assertSignaling("ws://127.0.0.1:" + this.port, TestTokens.SECRET);
	}

	@Test
	void churnThroughJunctionShouldCompleteEveryConnectionAndLeaveNoneOpen() throws Exception {
		ConnectionChurn.Result result = assertChurn("ws://127.0.0.1:" + this.port);
		assertThat(result.serverConnections()).isZero();
	}

	@Test
	void bareRelayShouldPassSignalingAndChurn() throws Exception {
		BareRelay relay = BareRelay.start(0, 1);
		try {
			assertSignaling("ws://127.0.0.1:" + relay.port(), "");
			assertChurn("ws://127.0.0.1:" + relay.port());
		}
		finally {
			relay.stop();
		}
	}

	@Test
	void bareRelaySignalingShouldForwardPayloadsUnchangedAndRefuseUnknownTargets() throws Exception {
		BareRelay relay = BareRelay.start(0, 1);
		try {
			BlockingQueue<String> received = new LinkedBlockingQueue<>();
			BenchSocket socket = BenchSocket.connect(group, URI.create("ws://127.0.0.1:" + relay.port() + "/signaling"),
					null, ByteBuf::release, received::add);
			try {
				socket.sendText("{\"type\":\"register\",\"peer_id\":\"A\",\"room_id\":\"r\",\"token\":\"t\"}");
				assertThat(received.poll(10, TimeUnit.SECONDS))
					.isEqualTo("{\"type\":\"registered_auth\",\"peer_id\":\"A\"}");
				socket.sendText("{\"type\":\"peer_message\",\"from_peer_id\":\"A\",\"to_peer_id\":\"A\","
						+ "\"payload\":{\"n\":1.50,\"s\":\"x\"}}");
				assertThat(received.poll(10, TimeUnit.SECONDS))
					.isEqualTo("{\"type\":\"peer_message\",\"from_peer_id\":\"A\",\"to_peer_id\":\"A\","
							+ "\"payload\":{\"n\":1.50,\"s\":\"x\"}}");
				socket.sendText("{\"type\":\"peer_message\",\"from_peer_id\":\"A\",\"to_peer_id\":\"B\","
						+ "\"payload\":{\"n\":1}}");
				assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(
						"{\"type\":\"error\",\"code\":\"PEER_NOT_IN_ROOM\",\"message\":\"Target peer B not in same room\"}");
			}
			finally {
				socket.close();
			}
		}
		finally {
			relay.stop();
		}
	}

	private void assertSignaling(String url, String secret) throws Exception {
		SignalingMessages.Result result = SignalingMessages.run(group,
				new SignalingMessages.Settings(url, secret, 2, 50, true, 1.0, 0.2, List.of(), 0));
		assertThat(result.sent()).isEqualTo(200);
		assertThat(result.errors()).as("errors, first: %s", result.firstError()).isZero();
		assertThat(result.delivered()).isEqualTo(200);
		assertThat(result.lost()).isZero();
		assertThat(result.duplicates()).isZero();
		assertThat(result.reordered()).isZero();
	}

	private ConnectionChurn.Result assertChurn(String url) throws Exception {
		ConnectionChurn.Result result = ConnectionChurn.run(group,
				new ConnectionChurn.Settings(url, 50, 8, 1.0, List.of(), ProcessHandle.current().pid()));
		assertThat(result.failed()).as("failed, first: %s", result.firstFailure()).isZero();
		assertThat(result.attempts()).isEqualTo(50);
		assertThat(result.completed()).isEqualTo(50);
		assertThat(result.fdBefore()).isPositive();
		return result;
	}

}
