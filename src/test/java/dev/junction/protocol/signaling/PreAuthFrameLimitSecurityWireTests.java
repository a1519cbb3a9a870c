package dev.junction.protocol.signaling;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Until a connection has authenticated, its frames are held to
 * {@code junction.limits.unauthenticated-frame-size} (64 KiB): signaling before
 * {@code register}, the tunnel before its {@code auth} frame, and {@code /} before its
 * first frame picks a protocol get 1009 for a 100 KiB frame. Once authenticated, the
 * endpoint's own limit applies again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = SignalingWire.SECRET_PROPERTY)
class PreAuthFrameLimitSecurityWireTests {

	private static final byte[] HUNDRED_KIB = filled(100 * 1024, (byte) 'x');

	@LocalServerPort
	int port;

	private SignalingWire wire;

	@BeforeEach
	void wire() {
		this.wire = new SignalingWire(this.port);
	}

	@Test
	void signalingFrameOverTheLimitBeforeRegisterShouldClose1009() throws Exception {
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/signaling")) {
			assertThat(client.status()).isEqualTo(101);
			client.sendFrame(1, HUNDRED_KIB);
			assertThat(client.readUntilClose().closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void tunnelFrameOverTheLimitBeforeTheAuthFrameShouldClose1009() throws Exception {
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/relay/pre-auth-big")) {
			assertThat(client.status()).isEqualTo(101);
			client.sendFrame(2, HUNDRED_KIB);
			assertThat(client.readUntilClose().closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void rootFrameOverTheLimitBeforeAProtocolIsChosenShouldClose1009() throws Exception {
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/")) {
			assertThat(client.status()).isEqualTo(101);
			client.sendFrame(1, HUNDRED_KIB);
			assertThat(client.readUntilClose().closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void fragmentedMessageOverTheLimitBeforeRegisterShouldClose1009() throws Exception {
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/signaling")) {
			byte[] half = Arrays.copyOf(HUNDRED_KIB, 40 * 1024);
			client.sendFragment(1, half, false);
			client.sendFragment(0, half, true);
			assertThat(client.readUntilClose().closeCode()).isEqualTo(1009);
		}
	}

	@Test
	void signalingFrameShouldGetTheFullLimitAfterRegister() throws Exception {
		Room room = this.wire.createRoom();
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/signaling")) {
			client.sendText(SignalingWire.register(SignalingWire.newPeerId("big"), room).toString());
			assertThat(client.readText()).startsWith("{\"type\":\"registered_auth\"");
			client.sendFrame(1, filled(1_000_000, (byte) 'x'));
			assertThat(nextReply(client)).contains("INVALID_JSON");
		}
	}

	@Test
	void rootFrameShouldGetTheFullLimitAfterRegister() throws Exception {
		Room room = this.wire.createRoom();
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/")) {
			client.sendText(SignalingWire.register(SignalingWire.newPeerId("root-big"), room).toString());
			assertThat(client.readText()).startsWith("{\"type\":\"registered_auth\"");
			client.sendFrame(1, filled(1_000_000, (byte) 'x'));
			assertThat(nextReply(client)).contains("INVALID_JSON");
		}
	}

	@Test
	void tunnelBinaryFrameOfOneMebibyteShouldPassAfterAuthAndPairing() throws Exception {
		String id = "pre-auth-pair";
		try (RawWebSocket server = RawWebSocket.upgrade(this.port, "/relay/" + id,
				"Authorization: Bearer " + TestTokens.token("tunnel-owner"));
				RawWebSocket client = RawWebSocket.upgrade(this.port, "/relay/" + id)) {
			assertThat(server.status()).isEqualTo(101);
			// The same subject: a tunnel session belongs to its first party's subject.
			client.sendText("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("tunnel-owner") + "\"}");
			byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
			server.sendFrame(2, hello);
			// The server's frame reaches the client only once the client has joined.
			assertThat(client.readFrame().payload()).isEqualTo(hello);
			byte[] mebibyte = filled(1024 * 1024, (byte) 7);
			client.sendFrame(2, mebibyte);
			RawWebSocket.Frame received = server.readFrame();
			assertThat(received.opcode()).isEqualTo(2);
			assertThat(received.payload()).isEqualTo(mebibyte);
		}
	}

	/**
	 * The next text frame that is not the server's keepalive {@code {"type":"ping"}}.
	 */
	private static String nextReply(RawWebSocket client) throws java.io.IOException {
		String text = client.readText();
		while (text.equals("{\"type\":\"ping\"}")) {
			text = client.readText();
		}
		return text;
	}

	private static byte[] filled(int size, byte value) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, value);
		return bytes;
	}

}
