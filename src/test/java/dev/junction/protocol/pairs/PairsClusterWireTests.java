package dev.junction.protocol.pairs;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.support.ClusterNodes;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pairs sessions in a cluster (in memory here, on Redis in
 * {@link PairsRedisClusterWireTests}): a session's ownership lives on the node that holds
 * it, so its parties meet on one node, and a party that lands on another node never
 * reaches the session's frames (docs/pairs.md says so).
 */
@TestInstance(Lifecycle.PER_CLASS)
class PairsClusterWireTests {

	private static final AtomicInteger ids = new AtomicInteger();

	private ClusterNodes cluster;

	@BeforeAll
	void start() {
		this.cluster = newCluster(Map.of("junction.protocols.pairs.auth", "none"));
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
		String id = "Cluster" + ids.incrementAndGet();
		TestWebSocket desktop = connect(1, "desktop", id);
		assertThat(desktop.nextText()).startsWith("{\"type\":\"connected\"");
		TestWebSocket mobile = connect(1, "mobile", id);
		assertThat(mobile.nextText()).startsWith("{\"type\":\"connected\"");
		assertThat(desktop.nextText()).startsWith("{\"type\":\"mobile_connected\"");
		mobile.send("{\"type\":\"log\",\"n\":1}");
		assertThat(desktop.nextText()).isEqualTo("{\"type\":\"log\",\"n\":1}");
	}

	@Test
	void partyOnAnotherNodeShouldNotReachTheSessionsFrames() {
		String id = "Cluster" + ids.incrementAndGet();
		TestWebSocket desktop = connect(0, "desktop", id);
		assertThat(desktop.nextText()).startsWith("{\"type\":\"connected\"");
		TestWebSocket elsewhere = connect(1, "mobile", id);
		assertThat(elsewhere.nextText()).startsWith("{\"type\":\"connected\"");
		desktop.send("{\"type\":\"secret\"}");
		assertThat(desktop.nextText()).contains("\"error\":\"Mobile device not connected\"");
		TestWebSocket mobile = connect(0, "mobile", id);
		assertThat(mobile.nextText()).startsWith("{\"type\":\"connected\"");
		assertThat(desktop.nextText()).startsWith("{\"type\":\"mobile_connected\"");
		desktop.send("{\"type\":\"after\"}");
		assertThat(mobile.nextText()).isEqualTo("{\"type\":\"after\"}");
		// The party on the other node heard nothing of the session: its next message is
		// its own session's answer.
		elsewhere.send("{\"type\":\"log\",\"n\":2}");
		assertThat(elsewhere.nextText()).contains("\"type\":\"error\"");
	}

	private TestWebSocket connect(int node, String type, String id) {
		return TestWebSocket.connect(this.cluster.port(node), "/" + type + "/" + id);
	}

}
