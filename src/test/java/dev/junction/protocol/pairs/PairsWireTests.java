package dev.junction.protocol.pairs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pairs protocol on the wire (docs/pairs.md), with a real client against a real
 * server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PairsWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final AtomicInteger ids = new AtomicInteger();

	@LocalServerPort
	int port;

	@Test
	void connectShouldSendConnectedWithHashedSessionId() {
		String id = "Session" + ids.incrementAndGet();
		TestWebSocket desktop = connect("desktop", id);
		JsonNode connected = json.readTree(desktop.nextText());
		assertThat(connected.propertyNames()).containsExactly("type", "clientType", "sessionId", "timestamp");
		assertThat(connected.get("type").stringValue()).isEqualTo("connected");
		assertThat(connected.get("clientType").stringValue()).isEqualTo("desktop");
		assertThat(connected.get("sessionId").stringValue()).isEqualTo(PairRegistry.sha256(id)).hasSize(64);
		assertThat(connected.get("timestamp").longValue()).isCloseTo(System.currentTimeMillis(),
				org.assertj.core.data.Offset.offset(60_000L));
	}

	@Test
	void mobileArrivingShouldBeAnnouncedToEveryDesktopSideSocket() {
		String id = newId();
		TestWebSocket desktop = connect("desktop", id);
		TestWebSocket cli = connect("cli", id);
		TestWebSocket dashboard = connect("dashboard", id);
		desktop.nextText();
		cli.nextText();
		dashboard.nextText();
		TestWebSocket mobile = connect("mobile", id);
		assertThat(type(mobile.nextText())).isEqualTo("connected");
		for (TestWebSocket client : new TestWebSocket[] { desktop, cli, dashboard }) {
			assertThat(client.nextText()).matches("\\{\"type\":\"mobile_connected\",\"timestamp\":\\d+}");
		}
	}

	@Test
	void desktopArrivingAfterMobileShouldHearMobileConnectedAndMobileDesktopConnected() {
		String id = newId();
		TestWebSocket mobile = connect("mobile", id);
		mobile.nextText();
		TestWebSocket desktop = connect("desktop", id);
		assertThat(type(desktop.nextText())).isEqualTo("connected");
		assertThat(desktop.nextText()).matches("\\{\"type\":\"mobile_connected\",\"timestamp\":\\d+}");
		assertThat(mobile.nextText()).matches("\\{\"type\":\"desktop_connected\",\"timestamp\":\\d+}");
		TestWebSocket cli = connect("cli", id);
		assertThat(type(cli.nextText())).isEqualTo("connected");
		assertThat(type(cli.nextText())).isEqualTo("mobile_connected");
		// A CLI is desktop side but not "a desktop": the mobile's next message is the
		// CLI's.
		cli.send("{\"from\":\"cli\"}");
		assertThat(mobile.nextText()).isEqualTo("{\"from\":\"cli\"}");
	}

	@Test
	void messagesShouldCrossThePairAsCompactJson() {
		String id = newId();
		TestWebSocket desktop = connect("desktop", id);
		TestWebSocket cli = connect("cli", id);
		desktop.nextText();
		cli.nextText();
		TestWebSocket mobile = connect("mobile", id);
		desktop.nextText();
		cli.nextText();
		mobile.nextText();
		desktop.send("{\"type\": \"bundle_update\", \"payload\": {\"code\": \"x\"}, \"timestamp\": 1}");
		assertThat(mobile.nextText())
			.isEqualTo("{\"type\":\"bundle_update\",\"payload\":{\"code\":\"x\"},\"timestamp\":1}");
		mobile.send("[1, \"two\"]");
		assertThat(desktop.nextText()).isEqualTo("[1,\"two\"]");
		assertThat(cli.nextText()).isEqualTo("[1,\"two\"]");
		mobile.send("42");
		assertThat(desktop.nextText()).isEqualTo("42");
		assertThat(cli.nextText()).isEqualTo("42");
	}

	@Test
	void messageWithNobodyOnTheOtherSideShouldGetAnError() {
		String id = newId();
		TestWebSocket desktop = connect("desktop", id);
		desktop.nextText();
		desktop.send("{\"type\":\"bundle_update\"}");
		assertThat(desktop.nextText())
			.matches("\\{\"type\":\"error\",\"error\":\"Mobile device not connected\",\"timestamp\":\\d+}");
		TestWebSocket mobile = connect("mobile", newId());
		mobile.nextText();
		mobile.send("{\"type\":\"reload\"}");
		assertThat(mobile.nextText())
			.matches("\\{\"type\":\"error\",\"error\":\"Desktop not connected\",\"timestamp\":\\d+}");
		desktop.assertOpen();
		mobile.assertOpen();
	}

	@Test
	void pingShouldBeAnsweredAndNeverForwarded() {
		String id = newId();
		TestWebSocket desktop = connect("desktop", id);
		desktop.nextText();
		desktop.send("{\"type\":\"ping\",\"n\":1}");
		assertThat(desktop.nextText()).matches("\\{\"type\":\"pong\",\"timestamp\":\\d+}");
		TestWebSocket mobile = connect("mobile", id);
		mobile.nextText();
		desktop.nextText();
		mobile.send("{\"type\":\"ping\"}");
		assertThat(type(mobile.nextText())).isEqualTo("pong");
		mobile.send("{\"after\":\"ping\"}");
		assertThat(desktop.nextText()).isEqualTo("{\"after\":\"ping\"}");
	}

	@Test
	void secondSocketOfATypeShouldReplaceTheFirstWithoutADisconnectNotice() {
		String id = newId();
		TestWebSocket mobile = connect("mobile", id);
		mobile.nextText();
		TestWebSocket first = connect("desktop", id);
		first.nextText();
		first.nextText();
		assertThat(type(mobile.nextText())).isEqualTo("desktop_connected");
		TestWebSocket second = connect("desktop", id);
		TestWebSocket.Closed closed = first.awaitClose();
		assertThat(closed.code()).isEqualTo(1000);
		assertThat(closed.reason()).isEqualTo("New desktop connection");
		assertThat(type(second.nextText())).isEqualTo("connected");
		assertThat(type(second.nextText())).isEqualTo("mobile_connected");
		assertThat(type(mobile.nextText())).isEqualTo("desktop_connected");
		// The old socket's close came and went: the mobile's next message is the new
		// desktop's, and the new desktop still receives.
		second.send("{\"n\":1}");
		assertThat(mobile.nextText()).isEqualTo("{\"n\":1}");
		mobile.send("{\"n\":2}");
		assertThat(second.nextText()).isEqualTo("{\"n\":2}");
	}

	@Test
	void replacementReasonsShouldNameEachType() {
		String id = newId();
		String[][] cases = { { "mobile", "New mobile connection" }, { "cli", "New CLI connection" },
				{ "dashboard", "New dashboard connection" } };
		for (String[] replacement : cases) {
			TestWebSocket first = connect(replacement[0], id);
			first.nextText();
			connect(replacement[0], id);
			assertThat(first.awaitClose()).isEqualTo(new TestWebSocket.Closed(1000, replacement[1]));
		}
	}

	@Test
	void departuresShouldBeAnnouncedToTheOtherSide() {
		String id = newId();
		TestWebSocket desktop = connect("desktop", id);
		TestWebSocket dashboard = connect("dashboard", id);
		desktop.nextText();
		dashboard.nextText();
		TestWebSocket mobile = connect("mobile", id);
		desktop.nextText();
		dashboard.nextText();
		mobile.nextText();
		mobile.close(1000);
		assertThat(desktop.nextText()).matches("\\{\"type\":\"mobile_disconnected\",\"timestamp\":\\d+}");
		assertThat(dashboard.nextText()).matches("\\{\"type\":\"mobile_disconnected\",\"timestamp\":\\d+}");
		TestWebSocket mobile2 = connect("mobile", id);
		mobile2.nextText();
		desktop.nextText();
		dashboard.nextText();
		desktop.abort();
		assertThat(mobile2.nextText()).matches("\\{\"type\":\"desktop_disconnected\",\"timestamp\":\\d+}");
	}

	@Test
	void invalidJsonNullAndBinaryShouldBeDroppedWithoutReply() {
		String id = newId();
		TestWebSocket desktop = connect("desktop", id);
		// Connected before the mobile comes, so the mobile hears no desktop_connected.
		desktop.nextText();
		TestWebSocket mobile = connect("mobile", id);
		desktop.nextText();
		mobile.nextText();
		desktop.send("not json");
		desktop.send("null");
		desktop.send("{\"unterminated\":");
		desktop.sendBinary(new byte[] { 1, 2, 3 });
		desktop.send("{\"valid\":true}");
		assertThat(mobile.nextText()).isEqualTo("{\"valid\":true}");
		desktop.send("{\"type\":\"ping\"}");
		assertThat(type(desktop.nextText())).isEqualTo("pong");
	}

	@Test
	void messageOverTheLimitShouldGetTooLargeErrorAndBeDropped() {
		String id = newId();
		TestWebSocket desktop = connect("desktop", id);
		TestWebSocket mobile = connect("mobile", id);
		desktop.nextText();
		desktop.nextText();
		mobile.nextText();
		int max = 10 * 1024 * 1024;
		String big = "\"" + "x".repeat(max - 1) + "\"";
		desktop.send(big);
		assertThat(desktop.nextText()).matches("\\{\"type\":\"error\",\"error\":\"Message too large \\(" + (max + 1)
				+ " bytes, max " + max + "\\)\",\"timestamp\":\\d+}");
		String fits = "\"" + "y".repeat(max - 2) + "\"";
		desktop.send(fits);
		assertThat(mobile.nextText()).isEqualTo(fits);
	}

	@Test
	void badIdsShouldGetHttp400AndPlainGetHttp426() throws Exception {
		for (String path : new String[] { "/desktop/bad-id", "/mobile/", "/cli/a/b", "/dashboard/%41", "/desktop" }) {
			try (RawWebSocket response = RawWebSocket.upgrade(this.port, path)) {
				assertThat(response.status()).as(path).isEqualTo(400);
				assertThat(response.body()).isEqualTo("Invalid path. Use /cli/{sessionId}, /dashboard/{sessionId}, "
						+ "/desktop/{sessionId}, or /mobile/{sessionId}");
			}
		}
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> plain = http.send(HttpRequest.newBuilder(uri("/desktop/abc")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).isEqualTo(426);
		assertThat(plain.body()).isEqualTo("Expected WebSocket");
		assertThatThrownBy(() -> connect("desktop", "not-valid")).rootCause().hasMessageContaining("400");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private TestWebSocket connect(String type, String id) {
		return TestWebSocket.connect(this.port, "/" + type + "/" + id);
	}

	private static String newId() {
		return "Pair" + ids.incrementAndGet() + "x" + System.nanoTime();
	}

	private static String type(String message) {
		return json.readTree(message).get("type").stringValue();
	}

}
