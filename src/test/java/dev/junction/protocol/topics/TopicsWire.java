package dev.junction.protocol.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.support.TestWebSocket;

import static org.awaitility.Awaitility.await;

/**
 * The clients of one topics wire test, joined in a known order and dropped afterwards,
 * and the messages the server is expected to send, in their exact wire form.
 */
final class TopicsWire {

	private static final AtomicInteger names = new AtomicInteger();

	private final List<TestWebSocket> clients = new ArrayList<>();

	private final int port;

	private final TopicsRelayProtocol handler;

	TopicsWire(int port, TopicsRelayProtocol handler) {
		this.port = port;
		this.handler = handler;
	}

	/**
	 * A topic no other test uses.
	 */
	static String newTopic() {
		return "topic-" + names.incrementAndGet() + "-" + System.nanoTime();
	}

	TestWebSocket connect() {
		TestWebSocket client = TestWebSocket.connect(this.port, "/topics");
		this.clients.add(client);
		return client;
	}

	/**
	 * Connect and join, and wait until the server has the new member, so that the order
	 * of arrival is the order of the calls.
	 */
	TestWebSocket join(String topic, String peerId) {
		TestWebSocket client = connect();
		int before = this.handler.memberCount(topic);
		client.send(joinMessage(topic, peerId));
		awaitMembers(topic, before + 1);
		return client;
	}

	void awaitMembers(String topic, int count) {
		await().pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.handler.memberCount(topic) == count);
	}

	void abortAll() {
		this.clients.forEach(TestWebSocket::abort);
	}

	static String joinMessage(String topic, String peerId) {
		return "{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"" + peerId + "\"}";
	}

	static String peerJoined(String peerId, String topic) {
		return "{\"type\":\"peer-joined\",\"peerId\":\"" + peerId + "\",\"topic\":\"" + topic + "\"}";
	}

	static String peerLeft(String peerId, String topic) {
		return "{\"type\":\"peer-left\",\"peerId\":\"" + peerId + "\",\"topic\":\"" + topic + "\"}";
	}

	static String data(String peerId, String value) {
		return "{\"type\":\"data\",\"peerId\":\"" + peerId + "\",\"data\":" + value + "}";
	}

	static String topicRequired() {
		return "{\"type\":\"error\",\"payload\":\"Topic is required for join\"}";
	}

}
