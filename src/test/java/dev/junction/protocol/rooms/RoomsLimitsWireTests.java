package dev.junction.protocol.rooms;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionRegistry;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Limits of the rooms protocol and of every connection, with small configured values: the
 * grace period, the frame limit, the outbound queue bound and the keepalive.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.protocols.rooms.grace-period=300ms", "junction.protocols.rooms.max-frame-size=1MB",
				"junction.limits.outbound-queue-messages=256", "junction.limits.outbound-queue-bytes=4MB",
				"junction.shutdown.close-timeout=500ms", "junction.keepalive.interval=500ms",
				// Long enough that a receiver that stops reading (and so stops answering
				// pings) fills its queue before the keepalive gives up on it, even on a
				// busy machine.
				"junction.keepalive.timeout=5s" })
class RoomsLimitsWireTests {

	@LocalServerPort
	int port;

	@Autowired
	RoomsRelayProtocol rooms;

	@Autowired
	ConnectionRegistry connections;

	@Test
	void roomEmptiedByAbnormalCloseShouldBeDeletedAfterTheGracePeriod() {
		TestWebSocket alice = connect();
		String code = RoomsWireTests.create(alice, "a", "Alice");
		alice.abort();
		await().until(() -> this.rooms.memberCount(code) == 0);
		assertThat(this.rooms.hasRoom(code)).isTrue();
		await().until(() -> !this.rooms.hasRoom(code));
		TestWebSocket late = connect();
		late.send(RoomsWireTests.joinMessage(code, "l", "Late"));
		assertThat(late.nextText()).contains("ROOM_NOT_FOUND");
	}

	@Test
	void frameOverTheProtocolLimitShouldClose1009AndSpareTheOthers() throws Exception {
		TestWebSocket alice = connect();
		String code = RoomsWireTests.create(alice, "a", "Alice");
		try (RawWebSocket bob = RawWebSocket.upgrade(this.port, "/ws")) {
			bob.sendText(RoomsWireTests.joinMessage(code, "b", "Bob"));
			assertThat(bob.readText()).startsWith("{\"type\":\"room_joined\"");
			alice.nextText();
			bob.sendBinaryHeader(1024 * 1024 + 1);
			assertThat(bob.readUntilClose().closeCode()).isEqualTo(1009);
		}
		assertThat(alice.nextText()).startsWith("{\"type\":\"user_left\"");
		byte[] fits = new byte[1024 * 1024];
		TestWebSocket carol = connect();
		RoomsWireTests.join(carol, code, "c", "Carol");
		alice.nextText();
		alice.sendBinary(fits);
		assertThat(carol.nextBinary()).hasSize(fits.length);
	}

	@Test
	void slowReceiverShouldBeClosed1013WhileOthersReceiveEverything() {
		TestWebSocket alice = connect();
		String code = RoomsWireTests.create(alice, "a", "Alice");
		TestWebSocket bob = connect();
		RoomsWireTests.join(bob, code, "b", "Bob");
		alice.nextText();
		Set<Connection> before = new HashSet<>(this.connections.all());
		TestWebSocket slow = connect();
		RoomsWireTests.join(slow, code, "s", "Slow");
		Connection slowOnServer = this.connections.all()
			.stream()
			.filter((connection) -> !before.contains(connection))
			.findFirst()
			.orElseThrow();
		alice.nextText();
		bob.nextText();
		slow.stopReading();
		int frames = 1600;
		int window = 16;
		Random random = new Random(7);
		long[] checksums = new long[frames];
		int[] received = { 0, 0 };
		for (int i = 0; i < frames; i++) {
			byte[] frame = new byte[64 * 1024];
			random.nextBytes(frame);
			ByteBuffer.wrap(frame).putInt(0, i);
			checksums[i] = java.util.Arrays.hashCode(frame);
			alice.sendBinary(frame);
			assertThat(slowOnServer.queuedBytes()).isLessThanOrEqualTo(4 * 1024 * 1024);
			// Bob reads as fast as he can; Alice keeps at most a window in flight to him.
			while (received[0] <= i - window) {
				receive(bob, checksums, received);
			}
		}
		while (received[0] < frames) {
			receive(bob, checksums, received);
		}
		if (received[1] == 0) {
			assertThat(bob.nextText()).startsWith("{\"type\":\"user_left\",\"payload\":{\"user_id\":\"s\"");
		}
		else {
			assertThat(received[1]).isOne();
		}
		await().until(() -> slowOnServer.closeReason() != null);
		assertThat(slowOnServer.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);
		await().until(() -> !this.connections.all().contains(slowOnServer));
		bob.assertOpen();
		alice.assertOpen();
	}

	/**
	 * Take one message: a binary frame in sequence with its checksum, or the slow
	 * member's departure.
	 */
	private static void receive(TestWebSocket client, long[] checksums, int[] received) {
		TestWebSocket.Message message = client.next();
		if (message.text() != null) {
			assertThat(message.text()).startsWith("{\"type\":\"user_left\",\"payload\":{\"user_id\":\"s\"");
			received[1]++;
			return;
		}
		assertThat(ByteBuffer.wrap(message.binary()).getInt(0)).isEqualTo(received[0]);
		assertThat(java.util.Arrays.hashCode(message.binary())).isEqualTo(checksums[received[0]]);
		received[0]++;
	}

	@Test
	void connectionThatNeverAnswersPingsShouldBeClosed1011() throws Exception {
		try (RawWebSocket silent = RawWebSocket.upgrade(this.port, "/ws")) {
			assertThat(silent.status()).isEqualTo(101);
			RawWebSocket.Frame close = silent.readUntilClose();
			assertThat(close.closeCode()).isEqualTo(1011);
			assertThat(close.closeReason()).isEqualTo("keepalive timeout");
		}
	}

	@Test
	void connectionThatAnswersPingsShouldStayOpen() {
		TestWebSocket alice = connect();
		await().until(() -> alice.pings() >= 6);
		alice.assertOpen();
		RoomsWireTests.create(alice, "a", "Alice");
	}

	private TestWebSocket connect() {
		return TestWebSocket.connect(this.port, "/ws");
	}

}
