package dev.junction.security;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.junction.support.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handshakes that RFC 6455 does not allow are answered 400 with one INFO line, and
 * requests that are not HTTP at all, or that a client abandons, never put a stack trace
 * or a warning in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "junction.protocols.rooms.auth=none",
		"logging.level.dev.junction.web=DEBUG", "junction.limits.upgrades-per-second-per-address=1000" })
class MalformedHandshakeSecurityWireTests {

	private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";

	@LocalServerPort
	int port;

	@Test
	void unsupportedVersionsShouldBe400WithTheSupportedVersion(CapturedOutput output) throws Exception {
		int mark = output.getAll().length();
		String[][] handshakes = { { KEY }, { KEY, "Sec-WebSocket-Version: abc" }, { KEY, "Sec-WebSocket-Version: 8" },
				{ KEY, "Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8" } };
		for (String[] headers : handshakes) {
			try (RawWebSocket client = RawWebSocket.upgradeWithHeaders(this.port, "/ws", headers)) {
				assertThat(client.status()).as(String.join(", ", headers)).isEqualTo(400);
				assertThat(client.header("Sec-WebSocket-Version")).isEqualTo("13");
				assertThat(client.body()).isEqualTo("Unsupported WebSocket version");
			}
		}
		assertQuiet(output, mark, handshakes.length);
	}

	@Test
	void malformedKeysShouldBe400(CapturedOutput output) throws Exception {
		int mark = output.getAll().length();
		String[] keys = { "short", "dGhlIHNhbXBsZSBub25jZQ", "!!!!!!!!!!!!!!!!!!!!!!==", "dGhlIHNhbXBsZSBub25jZSEh" };
		for (String key : keys) {
			try (RawWebSocket client = RawWebSocket.upgradeWithHeaders(this.port, "/ws", "Sec-WebSocket-Key: " + key,
					"Sec-WebSocket-Version: 13")) {
				assertThat(client.status()).as(key).isEqualTo(400);
				assertThat(client.body()).isEqualTo("Invalid Sec-WebSocket-Key");
			}
		}
		try (RawWebSocket noKey = RawWebSocket.upgradeWithHeaders(this.port, "/ws", "Sec-WebSocket-Version: 13")) {
			assertThat(noKey.status()).isEqualTo(400);
		}
		assertQuiet(output, mark, keys.length + 1);
	}

	@Test
	void wellFormedHandshakeShouldStillUpgrade() throws Exception {
		try (RawWebSocket client = RawWebSocket.upgradeWithHeaders(this.port, "/ws", KEY,
				"Sec-WebSocket-Version: 13")) {
			assertThat(client.status()).isEqualTo(101);
			assertThat(client.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
		}
	}

	@Test
	void requestThatIsNotHttpShouldBe400WithoutAWarning(CapturedOutput output) throws Exception {
		int mark = output.getAll().length();
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(response).startsWith("HTTP/1.1 400 ");
		}
		await().until(() -> output.getAll().substring(mark).contains("undecodable request"));
		assertThat(output.getAll().substring(mark)).doesNotContain(" WARN ")
			.doesNotContain(" ERROR ")
			.doesNotContain("\tat ");
	}

	@Test
	void clientDroppingMidRequestShouldLeaveNoWarning(CapturedOutput output) throws Exception {
		int mark = output.getAll().length();
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ".getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		await().until(() -> output.getAll()
			.substring(mark)
			.contains("undecodable request (PrematureChannelClosureException)"));
		assertThat(output.getAll().substring(mark)).doesNotContain(" WARN ")
			.doesNotContain(" ERROR ")
			.doesNotContain("\tat ")
			.doesNotContain("GET /health");
	}

	private static void assertQuiet(CapturedOutput output, int mark, int refusals) {
		await().until(() -> output.getAll()
			.substring(mark)
			.split("Refused an upgrade of /ws from 127.0.0.1", -1).length > refusals);
		String logged = output.getAll().substring(mark);
		assertThat(logged.split("Refused an upgrade of /ws", -1)).hasSize(refusals + 1);
		assertThat(logged).doesNotContain(" ERROR ")
			.doesNotContain(" WARN ")
			.doesNotContain("\tat ")
			.doesNotContain("Exception");
	}

}
