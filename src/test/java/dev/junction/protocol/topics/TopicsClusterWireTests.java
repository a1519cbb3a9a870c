package dev.junction.protocol.topics;

import java.time.Duration;
import java.util.Map;

import dev.junction.channel.NodeReaper;
import dev.junction.core.NodeId;
import dev.junction.support.ClusterNodes;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics protocol with its peers spread over two nodes that share one cluster (in
 * memory here, on Redis in {@link TopicsRedisClusterWireTests}).
 */
@TestInstance(Lifecycle.PER_CLASS)
class TopicsClusterWireTests {

	private ClusterNodes cluster;

	private TopicsWire one;

	private TopicsWire two;

	@BeforeAll
	void start() {
		this.cluster = newCluster(Map.of("junction.protocols.topics.auth", "none"));
		int first = this.cluster.start();
		int second = this.cluster.start();
		this.one = new TopicsWire(this.cluster.port(first), this.cluster.bean(first, TopicsRelayProtocol.class));
		this.two = new TopicsWire(this.cluster.port(second), this.cluster.bean(second, TopicsRelayProtocol.class));
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
	void peersOnTwoNodesShouldMeetAndExchangeData() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.one.join(topic, "alice");
		TestWebSocket bob = this.two.join(topic, "bob");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("bob", topic));
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerJoined("alice", topic));
		bob.send("{\"type\":\"data\",\"data\":\"hello\"}");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.data("bob", "\"hello\""));
		alice.send("{\"type\":\"data\",\"data\":{\"n\":1}}");
		assertThat(bob.nextText()).isEqualTo(TopicsWire.data("alice", "{\"n\":1}"));
		bob.close(1000);
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerLeft("bob", topic));
	}

	@Test
	void peerOfAGoneNodeShouldBeToldAsPeerLeft() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.one.join(topic, "alice");
		TestWebSocket carol = this.two.join(topic, "carol");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("carol", topic));
		// As the survivors do when a node's heartbeat lapses.
		this.cluster.bean(0, NodeReaper.class).reap(this.cluster.bean(1, NodeId.class)).block(Duration.ofSeconds(10));
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerLeft("carol", topic));
		carol.abort();
	}

}
