package dev.junction.protocol.tunnel;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.support.ClusterNodes;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tunnels whose two parties connect to two nodes that share one cluster (in memory here,
 * on Redis in {@link TunnelRedisClusterWireTests}): the bytes cross through the pipes,
 * byte for byte and in order.
 */
@TestInstance(Lifecycle.PER_CLASS)
class TunnelClusterWireTests {

	private static final AtomicInteger ids = new AtomicInteger();

	private ClusterNodes cluster;

	@BeforeAll
	void start() {
		this.cluster = newCluster(Map.of("junction.auth.hmac-secret", TestTokens.SECRET,
				"junction.protocols.tunnel.buffer-size", "1MB", "junction.protocols.tunnel.wait-timeout", "30s"));
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
	void partiesOnTwoNodesShouldExchangeFramesByteForByteInOrder() {
		String id = "x-" + ids.incrementAndGet() + "." + System.nanoTime();
		TestWebSocket first = connect(0, id);
		byte[] early = bytes(1000, 1);
		first.sendBinary(early);
		TestWebSocket second = connect(1, id);
		assertThat(second.nextBinary()).isEqualTo(early);
		for (int i = 0; i < 50; i++) {
			byte[] up = bytes(100 + i * 997, i);
			first.sendBinary(up);
			assertThat(second.nextBinary()).isEqualTo(up);
			byte[] down = bytes(10 + i, 1000 + i);
			second.sendBinary(down);
			assertThat(first.nextBinary()).isEqualTo(down);
		}
		second.close(1000);
		assertThat(first.awaitClose().code()).isEqualTo(1000);
	}

	private TestWebSocket connect(int node, String id) {
		return TestWebSocket.connect(this.cluster.port(node), "/relay/" + id + "?token=" + TestTokens.token("party"));
	}

	private static byte[] bytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
