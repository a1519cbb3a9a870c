package dev.junction.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 is enforced the same way on every protocol's path: invalid UTF-8 in a text
 * message closes with 1007; RSV bits, reserved opcodes, unmasked frames and close frames
 * with an invalid code close with 1002; a valid close code is echoed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=none",
				"junction.protocols.pairs.auth=none", "junction.protocols.signaling.auth=none",
				"junction.protocols.topics.auth=none" })
// Its own settings: closed afterwards, so that no idle server of it lingers in the cache.
@DirtiesContext
class RfcStrictnessWireTests {

	private static final byte[] INVALID_UTF8 = { '{', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };

	@LocalServerPort
	int port;

	private static final AtomicInteger sessions = new AtomicInteger();

	static Stream<String> paths() {
		return Stream.of("/ws", "/desktop/x", "/signaling", "/relay/x?token=" + TestTokens.token("rfc"), "/topics",
				"/");
	}

	static Stream<Arguments> invalidCloseCodes() {
		return paths().flatMap((path) -> Stream.of(999, 1005, 1006, 1015, 1016, 2999, 5000, 65535)
			.map((code) -> Arguments.of(path, code)));
	}

	@ParameterizedTest
	@MethodSource("paths")
	void invalidUtf8InATextFrameShouldClose1007(String path) throws IOException {
		try (RawWebSocket socket = open(path)) {
			socket.sendFrame(0x81, true, INVALID_UTF8);
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(1007);
		}
	}

	@ParameterizedTest
	@MethodSource("paths")
	void invalidUtf8SplitOverFragmentsShouldClose1007(String path) throws IOException {
		try (RawWebSocket socket = open(path)) {
			socket.sendFrame(0x01, true, new byte[] { '"', (byte) 0xE2, (byte) 0x82 });
			socket.sendFrame(0x80, true, new byte[] { '"' });
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(1007);
		}
	}

	@ParameterizedTest
	@MethodSource("paths")
	void rsvBitsWithoutAnExtensionShouldClose1002(String path) throws IOException {
		for (int rsv : new int[] { 0x40, 0x20, 0x10 }) {
			try (RawWebSocket socket = open(path)) {
				socket.sendFrame(0x80 | rsv | 0x1, true, "{}".getBytes(StandardCharsets.UTF_8));
				assertThat(socket.readUntilClose().closeCode()).isEqualTo(1002);
			}
		}
	}

	@ParameterizedTest
	@MethodSource("paths")
	void reservedOpcodesShouldClose1002(String path) throws IOException {
		for (int opcode : new int[] { 0x3, 0x7, 0xB, 0xF }) {
			try (RawWebSocket socket = open(path)) {
				socket.sendFrame(0x80 | opcode, true, new byte[0]);
				assertThat(socket.readUntilClose().closeCode()).isEqualTo(1002);
			}
		}
	}

	@ParameterizedTest
	@MethodSource("paths")
	void unmaskedClientFrameShouldClose1002(String path) throws IOException {
		try (RawWebSocket socket = open(path)) {
			socket.sendFrame(0x81, false, "{}".getBytes(StandardCharsets.UTF_8));
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(1002);
		}
	}

	@ParameterizedTest
	@MethodSource("invalidCloseCodes")
	void closeFrameWithAnInvalidCodeShouldBeAnswered1002(String path, int code) throws IOException {
		try (RawWebSocket socket = open(path)) {
			socket.sendFrame(0x88, true, new byte[] { (byte) (code >> 8), (byte) code });
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(1002);
		}
	}

	@ParameterizedTest
	@MethodSource("paths")
	void closeFrameWithAValidCodeShouldBeEchoed(String path) throws IOException {
		for (int code : new int[] { 1000, 3000, 4999 }) {
			try (RawWebSocket socket = open(path)) {
				socket.sendFrame(0x88, true, new byte[] { (byte) (code >> 8), (byte) code });
				assertThat(socket.readUntilClose().closeCode()).isEqualTo(code);
			}
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
