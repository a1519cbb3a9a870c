package dev.junction.protocol.tunnel;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tunnel protocol on the wire (docs/tunnel.md), with a real client against a real
 * server.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.tunnel.buffer-size=64KB",
				"junction.protocols.tunnel.wait-timeout=1s", "junction.protocols.tunnel.auth-timeout=500ms" })
class TunnelWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final AtomicInteger ids = new AtomicInteger();

	@LocalServerPort
	int port;

	@Test
	void twoPartiesShouldExchangeBinaryFramesByteExactAndLogStatsOnce(CapturedOutput output) {
		String id = newId();
		TestWebSocket client = connect(id);
		TestWebSocket server = connect(id);
		byte[] up = bytes(1000, 1);
		byte[] down = bytes(3000, 2);
		client.sendBinary(up);
		assertThat(server.nextBinary()).isEqualTo(up);
		server.sendBinary(down);
		server.sendBinary(down);
		assertThat(client.nextBinary()).isEqualTo(down);
		assertThat(client.nextBinary()).isEqualTo(down);
		assertThat(client.close(1000).code()).isEqualTo(1000);
		assertThat(server.awaitClose()).isEqualTo(new TestWebSocket.Closed(1000, ""));
		JsonNode stats = awaitStats(output, id);
		assertThat(stats.propertyNames()).containsExactly("event", "session_id", "duration_seconds",
				"bytes_client_to_server", "bytes_server_to_client", "total_bytes", "timestamp");
		assertThat(stats.get("event").stringValue()).isEqualTo("session_closed");
		assertThat(stats.get("bytes_client_to_server").longValue()).isEqualTo(1000);
		assertThat(stats.get("bytes_server_to_client").longValue()).isEqualTo(6000);
		assertThat(stats.get("total_bytes").longValue()).isEqualTo(7000);
		assertThat(stats.get("duration_seconds").isNumber()).isTrue();
		assertThat(stats.get("timestamp").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(statsLines(output, id)).hasSize(1);
	}

	@Test
	void framesSentBeforeThePeerArrivesShouldBeDeliveredInOrder() {
		String id = newId();
		TestWebSocket early = connect(id);
		for (int i = 0; i < 10; i++) {
			early.sendBinary(new byte[] { (byte) i, 7 });
		}
		TestWebSocket late = connect(id);
		for (int i = 0; i < 10; i++) {
			assertThat(late.nextBinary()).containsExactly(i, 7);
		}
		late.sendBinary(new byte[] { 42 });
		assertThat(early.nextBinary()).containsExactly(42);
	}

	@Test
	void overflowingThePrePairingBufferShouldClose1013() {
		TestWebSocket early = connect(newId());
		early.sendBinary(new byte[40 * 1024]);
		early.sendBinaryExpectingClose(new byte[40 * 1024]);
		assertThat(early.awaitClose()).isEqualTo(new TestWebSocket.Closed(1013, "buffer full"));
	}

	@Test
	void thirdConnectionShouldBeRefusedWithSessionFull() {
		String id = newId();
		TestWebSocket first = connect(id);
		TestWebSocket second = connect(id);
		first.sendBinary(new byte[] { 1 });
		second.nextBinary();
		TestWebSocket third = connect(id);
		assertThat(third.awaitClose()).isEqualTo(new TestWebSocket.Closed(1008, "session full"));
		second.sendBinary(new byte[] { 2 });
		assertThat(first.nextBinary()).containsExactly(2);
	}

	@Test
	void textFrameAfterPairingShouldEndTheSessionForBoth() {
		String id = newId();
		TestWebSocket first = connect(id);
		TestWebSocket second = connect(id);
		first.sendBinary(new byte[] { 1 });
		second.nextBinary();
		second.send("hello");
		assertThat(first.awaitClose().code()).isEqualTo(1000);
		assertThat(second.awaitClose().code()).isEqualTo(1000);
	}

	@Test
	void droppedPartyShouldCloseTheOtherWith1000() {
		String id = newId();
		TestWebSocket first = connect(id);
		TestWebSocket second = connect(id);
		first.sendBinary(new byte[] { 1 });
		second.nextBinary();
		first.abort();
		assertThat(second.awaitClose()).isEqualTo(new TestWebSocket.Closed(1000, ""));
	}

	@Test
	void lonelyFirstPartyShouldBeClosedAfterTheWaitTimeout(CapturedOutput output) {
		String id = newId();
		TestWebSocket lonely = connect(id);
		assertThat(lonely.awaitClose().code()).isEqualTo(1000);
		JsonNode stats = awaitStats(output, id);
		assertThat(stats.get("total_bytes").longValue()).isZero();
	}

	@Test
	void tokenInTheFirstFrameShouldAuthenticate() {
		String id = newId();
		TestWebSocket first = TestWebSocket.connect(this.port, "/relay/" + id);
		first.send("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("party") + "\"}");
		first.sendBinary(new byte[] { 9 });
		// The same subject: the session belongs to the first party's.
		TestWebSocket second = connect(id);
		assertThat(second.nextBinary()).containsExactly(9);
	}

	@Test
	void badTokenInTheFirstFrameShouldGetTheErrorThenClose1008() {
		TestWebSocket client = TestWebSocket.connect(this.port, "/relay/" + newId());
		client.send("{\"type\":\"auth\",\"token\":\"nope\"}");
		assertThat(client.nextText()).isEqualTo("{\"type\":\"error\",\"message\":\"Authentication failed\"}");
		assertThat(client.awaitClose().code()).isEqualTo(1008);
		TestWebSocket wrongSession = TestWebSocket.connect(this.port, "/relay/" + newId());
		wrongSession.send("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("a", Map.of("sid", "other")) + "\"}");
		assertThat(wrongSession.nextText()).contains("Authentication failed");
		assertThat(wrongSession.awaitClose().code()).isEqualTo(1008);
	}

	@Test
	void noAuthFrameInTimeShouldClose1008() {
		TestWebSocket silent = TestWebSocket.connect(this.port, "/relay/" + newId());
		silent.sendBinary(new byte[] { 1 });
		assertThat(silent.awaitClose()).isEqualTo(new TestWebSocket.Closed(1008, "authentication timeout"));
	}

	@Test
	void badHandshakeTokenShouldBe401AndBadIdsShould400() throws Exception {
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/relay/" + newId() + "?token=bad")) {
			assertThat(refused.status()).isEqualTo(401);
		}
		String bound = TestTokens.token("a", Map.of("sid", "mine"));
		try (RawWebSocket other = RawWebSocket.upgrade(this.port, "/relay/theirs?token=" + bound)) {
			assertThat(other.status()).isEqualTo(401);
		}
		try (RawWebSocket mine = RawWebSocket.upgrade(this.port, "/relay/mine?token=" + bound)) {
			assertThat(mine.status()).isEqualTo(101);
		}
		for (String bad : List.of("/relay/a%2Fb", "/relay/" + "x".repeat(129), "/relay/sp%20ace")) {
			try (RawWebSocket refused = RawWebSocket.upgrade(this.port, bad)) {
				assertThat(refused.status()).as(bad).isEqualTo(400);
			}
		}
		try (RawWebSocket decoded = RawWebSocket.upgrade(this.port,
				"/relay/a.b%7E%41?token=" + TestTokens.token("a"))) {
			assertThat(decoded.status()).isEqualTo(101);
		}
	}

	@Test
	void transferOf64MiBIn16MiBFramesShouldBeByteExactAndCounted(CapturedOutput output) {
		String id = newId();
		TestWebSocket sender = connect(id);
		TestWebSocket receiver = connect(id);
		Random random = new Random(64);
		long total = 0;
		for (int i = 0; i < 4; i++) {
			byte[] chunk = new byte[16 * 1024 * 1024];
			random.nextBytes(chunk);
			sender.sendBinary(chunk);
			assertThat(receiver.nextBinary()).isEqualTo(chunk);
			total += chunk.length;
		}
		sender.close(1000);
		receiver.awaitClose();
		JsonNode stats = awaitStats(output, id);
		assertThat(stats.get("bytes_client_to_server").longValue()).isEqualTo(total);
		assertThat(stats.get("bytes_server_to_client").longValue()).isZero();
	}

	@Test
	void forwardingShouldNotCopyPayloadsToTheHeap() {
		String id = newId();
		TestWebSocket sender = connect(id);
		TestWebSocket receiver = connect(id);
		byte[] chunk = bytes(4 * 1024 * 1024, 4);
		sender.sendBinary(chunk);
		receiver.nextBinary();
		long before = eventLoopAllocatedBytes();
		int frames = 64;
		for (int i = 0; i < frames; i++) {
			sender.sendBinary(chunk);
			assertThat(receiver.nextBinary()).hasSize(chunk.length);
		}
		long allocated = eventLoopAllocatedBytes() - before;
		// 256 MiB went through; a copying relay would allocate at least that much.
		assertThat(allocated).as("heap allocated by the server's event loops")
			.isLessThan((long) frames * chunk.length / 8);
	}

	private static long eventLoopAllocatedBytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
			.getThreadMXBean();
		long total = 0;
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("reactor-http")) {
				total += threads.getThreadAllocatedBytes(thread.getId());
			}
		}
		return total;
	}

	private JsonNode awaitStats(CapturedOutput output, String id) {
		await().until(() -> !statsLines(output, id).isEmpty());
		return json.readTree(statsLines(output, id).get(0));
	}

	private static List<String> statsLines(CapturedOutput output, String id) {
		Matcher matcher = Pattern
			.compile("junction\\.tunnel\\.stats\\s*: (\\{\"event\".*\"session_id\":\"" + id + "\".*})")
			.matcher(output.getAll());
		List<String> lines = new java.util.ArrayList<>();
		while (matcher.find()) {
			lines.add(matcher.group(1));
		}
		return lines;
	}

	private TestWebSocket connect(String id) {
		return TestWebSocket.connect(this.port, "/relay/" + id + "?token=" + TestTokens.token("party"));
	}

	private static String newId() {
		return "t-" + ids.incrementAndGet() + "." + System.nanoTime();
	}

	private static byte[] bytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
