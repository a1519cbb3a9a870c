package dev.junction.protocol.pairs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.junction.channel.NodeReaper;
import dev.junction.core.NodeId;
import dev.junction.support.ClusterNodes;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pairs sessions in a cluster (in memory here, on Redis in
 * {@link PairsRedisClusterWireTests}): the parties of one session may be on different
 * nodes, and the wire is what one node would show (docs/pairs.md).
 */
@TestInstance(Lifecycle.PER_CLASS)
class PairsClusterWireTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final AtomicInteger ids = new AtomicInteger();

	private ClusterNodes cluster;

	@BeforeAll
	void start() {
		this.cluster = newCluster(
				Map.of("junction.auth.hmac-secret", TestTokens.SECRET, "junction.protocols.pairs.auth", "optional"));
		this.cluster.start();
		this.cluster.start();
	}

	/**
	 * The cluster the nodes share.
	 */
	ClusterNodes newCluster(Map<String, Object> properties) {
		return ClusterNodes.inMemory(properties);
	}

	@AfterAll
	void stop() {
		this.cluster.close();
	}

	@Test
	void partiesOnOneNodeShouldPairWhileTheClusterRuns() {
		String id = newId();
		TestWebSocket desktop = connect(1, "desktop", id);
		assertThat(type(desktop.nextText())).isEqualTo("connected");
		TestWebSocket mobile = connect(1, "mobile", id);
		assertThat(type(mobile.nextText())).isEqualTo("connected");
		assertThat(desktop.nextText()).startsWith("{\"type\":\"mobile_connected\"");
		mobile.send("{\"type\":\"log\",\"n\":1}");
		assertThat(desktop.nextText()).isEqualTo("{\"type\":\"log\",\"n\":1}");
	}

	@Test
	void desktopOnOneNodeAndMobileOnAnotherShouldExchangeMessagesBothWays() {
		String id = newId();
		TestWebSocket desktop = connect(0, "desktop", id);
		assertThat(type(desktop.nextText())).isEqualTo("connected");
		TestWebSocket cli = connect(1, "cli", id);
		assertThat(type(cli.nextText())).isEqualTo("connected");
		TestWebSocket mobile = connect(1, "mobile", id);
		assertThat(type(mobile.nextText())).isEqualTo("connected");
		assertThat(desktop.nextText()).matches("\\{\"type\":\"mobile_connected\",\"timestamp\":\\d+}");
		assertThat(type(cli.nextText())).isEqualTo("mobile_connected");
		for (int n = 1; n <= 3; n++) {
			desktop.send("{\"type\":\"bundle_update\", \"n\": " + n + "}");
		}
		for (int n = 1; n <= 3; n++) {
			assertThat(mobile.nextText()).isEqualTo("{\"type\":\"bundle_update\",\"n\":" + n + "}");
		}
		mobile.send("[1, \"two\"]");
		assertThat(desktop.nextText()).isEqualTo("[1,\"two\"]");
		assertThat(cli.nextText()).isEqualTo("[1,\"two\"]");
	}

	@Test
	void desktopSideNewcomerShouldHearOfAMobileOnAnotherNodeAndTheMobileOfTheDesktop() {
		String id = newId();
		TestWebSocket mobile = connect(0, "mobile", id);
		assertThat(type(mobile.nextText())).isEqualTo("connected");
		TestWebSocket desktop = connect(1, "desktop", id);
		assertThat(type(desktop.nextText())).isEqualTo("connected");
		assertThat(desktop.nextText()).matches("\\{\"type\":\"mobile_connected\",\"timestamp\":\\d+}");
		assertThat(mobile.nextText()).matches("\\{\"type\":\"desktop_connected\",\"timestamp\":\\d+}");
		TestWebSocket dashboard = connect(1, "dashboard", id);
		assertThat(type(dashboard.nextText())).isEqualTo("connected");
		assertThat(type(dashboard.nextText())).isEqualTo("mobile_connected");
	}

	@Test
	void departuresShouldBeAnnouncedAcrossNodes() {
		String id = newId();
		TestWebSocket desktop = connect(0, "desktop", id);
		desktop.nextText();
		TestWebSocket mobile = connect(1, "mobile", id);
		mobile.nextText();
		assertThat(type(desktop.nextText())).isEqualTo("mobile_connected");
		mobile.close(1000);
		assertThat(desktop.nextText()).matches("\\{\"type\":\"mobile_disconnected\",\"timestamp\":\\d+}");
		TestWebSocket next = connect(1, "mobile", id);
		next.nextText();
		assertThat(type(desktop.nextText())).isEqualTo("mobile_connected");
		desktop.abort();
		assertThat(next.nextText()).matches("\\{\"type\":\"desktop_disconnected\",\"timestamp\":\\d+}");
	}

	@Test
	void secondMobileOnAnotherNodeShouldReplaceTheFirstWithoutADisconnectNotice() {
		String id = newId();
		TestWebSocket desktop = connect(0, "desktop", id);
		desktop.nextText();
		TestWebSocket first = connect(0, "mobile", id);
		first.nextText();
		assertThat(type(desktop.nextText())).isEqualTo("mobile_connected");
		TestWebSocket second = connect(1, "mobile", id);
		assertThat(first.awaitClose()).isEqualTo(new TestWebSocket.Closed(1000, "New mobile connection"));
		assertThat(type(second.nextText())).isEqualTo("connected");
		assertThat(type(desktop.nextText())).isEqualTo("mobile_connected");
		// The old socket's close came and went: the desktop's next message is the new
		// mobile's, and the new mobile still receives.
		second.send("{\"n\":1}");
		assertThat(desktop.nextText()).isEqualTo("{\"n\":1}");
		desktop.send("{\"n\":2}");
		assertThat(second.nextText()).isEqualTo("{\"n\":2}");
		// And back again: the socket on the other node is closed the same way.
		TestWebSocket third = connect(0, "mobile", id);
		assertThat(second.awaitClose()).isEqualTo(new TestWebSocket.Closed(1000, "New mobile connection"));
		third.nextText();
		assertThat(type(desktop.nextText())).isEqualTo("mobile_connected");
		third.send("{\"n\":3}");
		assertThat(desktop.nextText()).isEqualTo("{\"n\":3}");
	}

	@Test
	void messageWithNobodyOnTheOtherSideOnAnyNodeShouldGetAnError() {
		String id = newId();
		TestWebSocket desktop = connect(0, "desktop", id);
		desktop.nextText();
		desktop.send("{\"type\":\"bundle_update\"}");
		assertThat(desktop.nextText())
			.matches("\\{\"type\":\"error\",\"error\":\"Mobile device not connected\",\"timestamp\":\\d+}");
		TestWebSocket mobile = connect(1, "mobile", id);
		mobile.nextText();
		desktop.nextText();
		mobile.close(1000);
		assertThat(type(desktop.nextText())).isEqualTo("mobile_disconnected");
		desktop.send("{\"type\":\"after\"}");
		assertThat(desktop.nextText()).contains("\"error\":\"Mobile device not connected\"");
		TestWebSocket alone = connect(1, "mobile", newId());
		alone.nextText();
		alone.send("{\"type\":\"reload\"}");
		assertThat(alone.nextText())
			.matches("\\{\"type\":\"error\",\"error\":\"Desktop not connected\",\"timestamp\":\\d+}");
		desktop.assertOpen();
		alone.assertOpen();
	}

	@Test
	void anotherSubjectShouldBeRefusedOnEveryNodeUntilTheSessionEnds() throws Exception {
		String id = newId();
		TestWebSocket owner = connect(0, "desktop", id, TestTokens.token("alice"));
		owner.nextText();
		try (RawWebSocket intruder = RawWebSocket.upgrade(this.cluster.port(1),
				"/mobile/" + id + "?token=" + TestTokens.token("mallory"));
				RawWebSocket anonymous = RawWebSocket.upgrade(this.cluster.port(1), "/dashboard/" + id)) {
			assertThat(intruder.status()).isEqualTo(403);
			assertThat(intruder.body()).isEqualTo("Not allowed to join this session");
			assertThat(anonymous.status()).isEqualTo(403);
		}
		TestWebSocket named = connect(1, "mobile", id, TestTokens.token("phone-of-bob", Map.of("sid", id)));
		assertThat(type(named.nextText())).isEqualTo("connected");
		assertThat(type(owner.nextText())).isEqualTo("mobile_connected");
		TestWebSocket same = connect(1, "cli", id, TestTokens.token("alice"));
		assertThat(type(same.nextText())).isEqualTo("connected");
		owner.close(1000);
		named.close(1000);
		same.close(1000);
		AtomicReference<RawWebSocket> successor = new AtomicReference<>();
		await().atMost(TIMEOUT).until(() -> {
			RawWebSocket next = RawWebSocket.upgrade(this.cluster.port(1),
					"/desktop/" + id + "?token=" + TestTokens.token("bob"));
			if (next.status() != 101) {
				next.close();
				return false;
			}
			successor.set(next);
			return true;
		});
		try (RawWebSocket bob = successor.get()) {
			// Bob owns the session once he is told he is connected.
			assertThat(bob.readText()).startsWith("{\"type\":\"connected\"");
			try (RawWebSocket formerOwner = RawWebSocket.upgrade(this.cluster.port(0),
					"/mobile/" + id + "?token=" + TestTokens.token("alice"))) {
				assertThat(formerOwner.status()).isEqualTo(403);
			}
		}
	}

	@Test
	void partyOfAGoneNodeShouldBeToldAsDisconnectedOnce() {
		int gone = this.cluster.start();
		String id = newId();
		TestWebSocket desktop = connect(0, "desktop", id);
		desktop.nextText();
		TestWebSocket mobile = connect(gone, "mobile", id);
		mobile.nextText();
		assertThat(type(desktop.nextText())).isEqualTo("mobile_connected");
		NodeId goneId = this.cluster.bean(gone, NodeId.class);
		assertThat(this.cluster.bean(1, NodeReaper.class).reap(goneId).block(TIMEOUT)).isEqualTo(1);
		assertThat(desktop.nextText()).matches("\\{\"type\":\"mobile_disconnected\",\"timestamp\":\\d+}");
		desktop.send("{\"type\":\"after\"}");
		assertThat(desktop.nextText()).contains("\"error\":\"Mobile device not connected\"");
		// The gone node's own close of the socket, should it come late, tells nothing
		// more.
		this.cluster.stop(gone);
		mobile.awaitClose();
		desktop.send("{\"type\":\"ping\"}");
		assertThat(type(desktop.nextText())).isEqualTo("pong");
		TestWebSocket next = connect(1, "mobile", id);
		next.nextText();
		assertThat(type(desktop.nextText())).isEqualTo("mobile_connected");
	}

	private TestWebSocket connect(int node, String type, String id) {
		return TestWebSocket.connect(this.cluster.port(node), "/" + type + "/" + id);
	}

	private TestWebSocket connect(int node, String type, String id, String token) {
		return TestWebSocket.connect(this.cluster.port(node), "/" + type + "/" + id + "?token=" + token);
	}

	private static String newId() {
		return "Cluster" + ids.incrementAndGet() + "x" + System.nanoTime();
	}

	private static String type(String message) {
		int start = message.indexOf("\"type\":\"") + 8;
		return message.substring(start, message.indexOf('"', start));
	}

}
