package dev.junction.protocol.topics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leaving a topic on the wire (docs/topics.md): {@code peer-left} exactly once whichever
 * way a peer goes, a second {@code join} that moves the socket, and the node's counters
 * in {@code GET /health}. Deployed topics clients send no token, and neither do these
 * tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "junction.protocols.topics.auth=none")
class TopicsMembershipWireTests {

	@LocalServerPort
	int port;

	@Autowired
	TopicsRelayProtocol handler;

	private TopicsWire wire;

	@BeforeEach
	void wire() {
		this.wire = new TopicsWire(this.port, this.handler);
	}

	@AfterEach
	void closeClientsAndExpectAnEmptyNode() {
		this.wire.abortAll();
		await().until(() -> this.handler.livePeers() == 0 && this.handler.liveTopics() == 0);
	}

	@Test
	void longestPresentPeerShouldBeTheOldestStillThere() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		alice.nextText();
		bob.nextText();
		alice.close(1000);
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerLeft("alice", topic));
		TestWebSocket carol = this.wire.join(topic, "carol");
		assertThat(carol.nextText()).isEqualTo(TopicsWire.peerJoined("bob", topic));
	}

	@Test
	void cleanCloseShouldSendPeerLeftExactlyOnce() {
		peerLeftShouldBeSentOnce((client) -> client.close(1000));
	}

	@Test
	void abortShouldSendPeerLeftExactlyOnce() {
		peerLeftShouldBeSentOnce((client) -> client.abort());
	}

	private void peerLeftShouldBeSentOnce(Consumer<TestWebSocket> leave) {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		TestWebSocket carol = this.wire.join(topic, "carol");
		alice.nextText();
		alice.nextText();
		bob.nextText();
		bob.nextText();
		carol.nextText();
		leave.accept(bob);
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerLeft("bob", topic));
		assertThat(carol.nextText()).isEqualTo(TopicsWire.peerLeft("bob", topic));
		carol.send("{\"type\":\"data\",\"data\":\"next\"}");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.data("carol", "\"next\""));
		await().until(() -> this.handler.memberCount(topic) == 2);
	}

	@Test
	void lastPeerLeavingShouldDeleteTheTopicWithoutPeerLeft() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		await().until(() -> this.handler.hasTopic(topic));
		alice.close(1000);
		await().until(() -> !this.handler.hasTopic(topic));
		TestWebSocket bob = this.wire.join(topic, "bob");
		TestWebSocket carol = this.wire.join(topic, "carol");
		// Bob hears of Carol, not of Alice: the topic was empty when he joined.
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerJoined("carol", topic));
		assertThat(carol.nextText()).isEqualTo(TopicsWire.peerJoined("bob", topic));
	}

	@Test
	void joiningAgainShouldMoveTheSocket() {
		String first = TopicsWire.newTopic();
		String second = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(first, "alice");
		TestWebSocket bob = this.wire.join(first, "bob");
		alice.nextText();
		bob.nextText();
		TestWebSocket carol = this.wire.join(second, "carol");
		alice.send("{\"type\":\"join\",\"topic\":\"" + second + "\",\"peerId\":\"alice2\"}");
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerLeft("alice", first));
		assertThat(carol.nextText()).isEqualTo(TopicsWire.peerJoined("alice2", second));
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("carol", second));
		// Alice is in the second topic only.
		bob.send("{\"type\":\"data\",\"data\":\"first\"}");
		carol.send("{\"type\":\"data\",\"data\":\"second\"}");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.data("carol", "\"second\""));
		alice.send("{\"type\":\"data\",\"data\":\"moved\"}");
		assertThat(carol.nextText()).isEqualTo(TopicsWire.data("alice2", "\"moved\""));
		assertThat(this.handler.memberCount(first)).isOne();
		assertThat(this.handler.memberCount(second)).isEqualTo(2);
	}

	@Test
	void joiningTheSameTopicAgainShouldLeaveAndJoinIt() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		alice.nextText();
		bob.nextText();
		alice.send("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"alice-again\"}");
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerLeft("alice", topic));
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerJoined("alice-again", topic));
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("bob", topic));
		assertThat(this.handler.memberCount(topic)).isEqualTo(2);
	}

	@Test
	void healthShouldCountTopicsAndPeers() {
		String first = TopicsWire.newTopic();
		this.wire.join(first, "alice");
		this.wire.join(first, "bob");
		TestWebSocket carol = this.wire.join(TopicsWire.newTopic(), "carol");
		await().untilAsserted(() -> assertThat(health()).contains("\"topics\":2,\"peers\":3"));
		carol.close(1000);
		await().untilAsserted(() -> assertThat(health()).contains("\"topics\":1,\"peers\":2"));
	}

	private String health() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/health")).build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

}
