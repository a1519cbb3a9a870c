package dev.junction.protocol.signaling;

import java.time.Duration;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signaling's timers and limits: the server's {@code ping}, room expiry, the 1 MiB frame
 * limit, and anonymous sign-in off by default. Intervals are short here.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { SignalingWire.SECRET_PROPERTY,
		"junction.protocols.signaling.ping-interval=200ms", "junction.protocols.signaling.room-ttl=2s" })
class SignalingLimitsWireTests {

	@LocalServerPort
	int port;

	private SignalingWire wire;

	@BeforeEach
	void wire() {
		this.wire = new SignalingWire(this.port);
	}

	@Test
	void registeredPeerShouldGetPingsAndAnUnregisteredOneNone() {
		TestWebSocket unregistered = this.wire.connect();
		Room room = this.wire.createRoom();
		TestWebSocket peer = this.wire.registered(SignalingWire.register(SignalingWire.newPeerId("Peer"), room));
		assertThat(peer.nextText()).isEqualTo("{\"type\":\"ping\"}");
		assertThat(peer.nextText()).isEqualTo("{\"type\":\"ping\"}");
		assertThat(unregistered.pending()).isZero();
	}

	@Test
	void registerInAnExpiredRoomShouldReplyRoomExpired() {
		Room room = this.wire.createRoom();
		TestWebSocket client = this.wire.connect();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			client.send(SignalingWire.register(SignalingWire.newPeerId("Late"), room).toString());
			String reply = client.nextText();
			while (reply.contains("\"ping\"")) {
				reply = client.nextText();
			}
			assertThat(reply).isEqualTo("{\"type\":\"error\",\"reason\":\"Room expired\"}");
		});
		// Expiry is checked after the room token.
		client.send(SignalingWire.register("Late", new Room(room.id(), "000000")).toString());
		assertThat(client.nextText()).isEqualTo("{\"type\":\"error\",\"reason\":\"Invalid token\"}");
	}

	@Test
	void frameOverOneMebibyteShouldClose1009() throws Exception {
		// Registered first: before that, the unauthenticated frame limit (64 KiB)
		// applies.
		TestWebSocket client = this.wire
			.registered(SignalingWire.register(SignalingWire.newPeerId("big"), this.wire.createRoom()));
		client.send("{\"type\":\"x\",\"pad\":\"" + "a".repeat(1024 * 1024 - 40) + "\"}");
		String reply = client.nextText();
		while (reply.equals("{\"type\":\"ping\"}")) {
			reply = client.nextText();
		}
		assertThat(reply).contains("UNKNOWN_MESSAGE_TYPE");
		// Only the head of the oversized frame: a client still writing the payload could
		// see the TCP reset before the close frame.
		try (RawWebSocket raw = RawWebSocket.upgrade(this.port, "/signaling")) {
			raw.sendBinaryHeader(1024 * 1024 + 1);
			assertThat(raw.readUntilClose().closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void anonymousSigninShouldBeOffByDefault() {
		assertThat(this.wire.post("/anonymous-signin", null, "").statusCode()).isEqualTo(404);
	}

}
