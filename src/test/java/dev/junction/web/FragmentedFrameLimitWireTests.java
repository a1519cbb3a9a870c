package dev.junction.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message over the frame limit closes with 1009 whether it came as one frame or as
 * fragments (deployed rooms clients never reconnect after 1000), and a fragmented message
 * within the limit is delivered whole.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.limits.max-frame-size=1MB",
				"junction.protocols.tunnel.max-frame-size=1MB", "junction.protocols.rooms.auth=none",
				"junction.protocols.signaling.auth=none", "junction.protocols.topics.auth=none",
				// Fragments, not the smaller limit before authentication, are under test.
				"junction.limits.unauthenticated-frame-size=1MB" })
// Its own settings: closed afterwards, so that no idle server of it lingers in the cache.
@DirtiesContext
class FragmentedFrameLimitWireTests {

	private static final int FRAGMENT = 256 * 1024;

	@LocalServerPort
	int port;

	private static final AtomicInteger sessions = new AtomicInteger();

	static Stream<String> paths() {
		return Stream.of("/ws", "/signaling", "/topics", "/relay/x?token=" + TestTokens.token("fragments"));
	}

	@ParameterizedTest
	@MethodSource("paths")
	void fragmentedTextOverTheLimitShouldClose1009(String path) throws IOException {
		try (RawWebSocket socket = open(path)) {
			sendFragments(socket, 0x1, 5);
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(1009);
		}
	}

	@ParameterizedTest
	@MethodSource("paths")
	void fragmentedBinaryOverTheLimitShouldClose1009(String path) throws IOException {
		try (RawWebSocket socket = open(path)) {
			sendFragments(socket, 0x2, 5);
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(1009);
		}
	}

	@ParameterizedTest
	@MethodSource("paths")
	void singleFrameOverTheLimitShouldClose1009(String path) throws IOException {
		try (RawWebSocket socket = open(path)) {
			socket.sendBinaryHeader(1024 * 1024 + 1);
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(1009);
		}
	}

	@ParameterizedTest
	@MethodSource("paths")
	void fragmentedMessageWithinTheLimitShouldNotClose(String path) throws IOException {
		try (RawWebSocket socket = open(path)) {
			// Four fragments: exactly the limit. Text that is not a protocol message is
			// answered or dropped, never closed; a close frame of ours is echoed.
			sendFragments(socket, 0x1, 4);
			socket.sendFrame(0x88, true, new byte[] { (byte) (4321 >> 8), (byte) 4321 });
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(4321);
		}
	}

	private static void sendFragments(RawWebSocket socket, int opcode, int count) throws IOException {
		byte[] fragment = new byte[FRAGMENT];
		Arrays.fill(fragment, (byte) 'a');
		for (int i = 0; i < count; i++) {
			int first = ((i == 0) ? opcode : 0x0) | ((i == count - 1) ? 0x80 : 0);
			socket.sendFrame(first, true, fragment);
		}
	}

	private RawWebSocket open(String path) throws IOException {
		// A tunnel session of its own per socket: two sockets of one session would be
		// paired, and one's close would close the other with 1000.
		String target = path.startsWith("/relay/x?")
				? path.replace("/relay/x?", "/relay/x" + sessions.incrementAndGet() + "?") : path;
		RawWebSocket socket = RawWebSocket.upgrade(this.port, target);
		assertThat(socket.status()).isEqualTo(101);
		return socket;
	}

}
