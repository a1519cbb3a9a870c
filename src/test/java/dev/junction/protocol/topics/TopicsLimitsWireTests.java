package dev.junction.protocol.topics;

import java.util.HashSet;
import java.util.Set;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionRegistry;
import dev.junction.support.RawWebSocket;
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
 * Members that the server closes (a frame over the limit, a dead connection, a slow
 * reader) leave their topic like any other: one {@code peer-left} to the others, who are
 * not disturbed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.protocols.topics.auth=none", "junction.protocols.topics.max-frame-size=1MB",
				"junction.limits.outbound-queue-messages=64", "junction.limits.outbound-queue-bytes=1MB",
				"junction.shutdown.close-timeout=500ms", "junction.keepalive.interval=200ms",
				"junction.keepalive.timeout=2s" })
class TopicsLimitsWireTests {

	@LocalServerPort
	int port;

	@Autowired
	TopicsRelayProtocol handler;

	@Autowired
	ConnectionRegistry connections;

	private TopicsWire wire;

	@BeforeEach
	void wire() {
		this.wire = new TopicsWire(this.port, this.handler);
	}

	@AfterEach
	void closeClients() {
		this.wire.abortAll();
	}

	@Test
	void frameOverTheLimitShouldClose1009AndTellTheOthersOnce() throws Exception {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		try (RawWebSocket bob = RawWebSocket.upgrade(this.port, "/topics")) {
			bob.sendText(TopicsWire.joinMessage(topic, "bob"));
			assertThat(bob.readText()).isEqualTo(TopicsWire.peerJoined("alice", topic));
			assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("bob", topic));
			bob.sendBinaryHeader(1024 * 1024 + 1);
			assertThat(bob.readUntilClose().closeCode()).isEqualTo(1009);
		}
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerLeft("bob", topic));
		TestWebSocket carol = this.wire.join(topic, "carol");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("carol", topic));
		assertThat(carol.nextText()).isEqualTo(TopicsWire.peerJoined("alice", topic));
	}

	@Test
	void deadConnectionShouldBeClosed1011AndLeaveItsTopic() throws Exception {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		try (RawWebSocket silent = RawWebSocket.upgrade(this.port, "/topics")) {
			silent.sendText(TopicsWire.joinMessage(topic, "silent"));
			assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("silent", topic));
			RawWebSocket.Frame close = silent.readUntilClose();
			assertThat(close.closeCode()).isEqualTo(1011);
			assertThat(close.closeReason()).isEqualTo("keepalive timeout");
		}
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerLeft("silent", topic));
		await().until(() -> this.handler.memberCount(topic) == 1);
		alice.assertOpen();
	}

	@Test
	void slowReaderShouldBeClosed1013WhileTheOthersReceiveEverything() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		Set<Connection> before = new HashSet<>(this.connections.all());
		TestWebSocket slow = this.wire.join(topic, "slow");
		Connection slowOnServer = this.connections.all()
			.stream()
			.filter((connection) -> !before.contains(connection))
			.findFirst()
			.orElseThrow();
		alice.nextText();
		alice.nextText();
		bob.nextText();
		bob.nextText();
		slow.stopReading();
		String value = "\"" + "A".repeat(32 * 1024) + "\"";
		String expected = TopicsWire.data("alice", value);
		String left = TopicsWire.peerLeft("slow", topic);
		int messages = 800;
		int window = 16;
		int[] received = { 0, 0 };
		for (int i = 0; i < messages; i++) {
			alice.send("{\"type\":\"data\",\"data\":" + value + "}");
			assertThat(slowOnServer.queuedBytes()).isLessThanOrEqualTo(1024 * 1024);
			while (received[0] <= i - window) {
				receive(bob, expected, left, received);
			}
		}
		while (received[0] < messages) {
			receive(bob, expected, left, received);
		}
		if (received[1] == 0) {
			assertThat(bob.nextText()).isEqualTo(left);
		}
		else {
			assertThat(received[1]).isOne();
		}
		assertThat(alice.nextText()).isEqualTo(left);
		await().until(() -> slowOnServer.closeReason() != null);
		assertThat(slowOnServer.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);
		assertThat(this.handler.memberCount(topic)).isEqualTo(2);
		bob.assertOpen();
		alice.assertOpen();
	}

	/**
	 * Take one message: the next data in sequence, or the slow member's departure.
	 */
	private static void receive(TestWebSocket client, String expected, String left, int[] received) {
		String message = client.nextText();
		if (message.equals(left)) {
			received[1]++;
			return;
		}
		assertThat(message).isEqualTo(expected);
		received[0]++;
	}

}
