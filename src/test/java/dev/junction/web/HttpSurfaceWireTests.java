package dev.junction.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.junction.support.RawWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP side of the port (the README's protocol table and HTTP endpoints section):
 * health documents, probes, and refusals of requests that are not upgrades or not on a
 * WebSocket path.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HttpSurfaceWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void healthShouldAnswerOnRootAndHealthWithKeysInContractOrder() throws Exception {
		for (String path : new String[] { "/", "/health" }) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			JsonNode health = json.readTree(response.body());
			assertThat(health.propertyNames()).containsExactly("status", "service", "version", "timestamp", "uptime",
					"connections", "rooms", "sessions", "topics", "peers");
			assertThat(health.get("status").stringValue()).isEqualTo("healthy");
			assertThat(health.get("service").stringValue()).isEqualTo("junction");
			assertThat(health.get("version").stringValue()).isNotBlank().doesNotContain("@");
		}
	}

	@Test
	void metricsShouldHaveTheSignalingServerShape() throws Exception {
		HttpResponse<String> response = get("/metrics");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metrics = json.readTree(response.body());
		assertThat(metrics.propertyNames()).containsExactly("timestamp", "active_rooms", "active_connections",
				"peers_by_role", "total_connections", "total_messages", "rooms_created");
		assertThat(metrics.get("timestamp").isString()).isTrue();
		assertThat(metrics.get("peers_by_role").isObject()).isTrue();
	}

	@Test
	void plainGetOnAWebSocketPathShouldBe426() throws Exception {
		HttpResponse<String> response = get("/ws");
		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(response.body()).isEqualTo("Expected WebSocket");
		assertThat(get("/room/abc").statusCode()).isEqualTo(426);
	}

	@Test
	void upgradeOnAnUnknownPathShouldBe404() throws Exception {
		for (String path : new String[] { "/nowhere", "/health", "/metrics", "/wss" }) {
			try (RawWebSocket refused = RawWebSocket.upgrade(this.port, path)) {
				assertThat(refused.status()).as(path).isEqualTo(404);
			}
		}
	}

	@Test
	void upgradeOnRoomsPathsShouldSucceed() throws Exception {
		for (String path : new String[] { "/ws", "/room/anything" }) {
			try (RawWebSocket upgraded = RawWebSocket.upgrade(this.port, path)) {
				assertThat(upgraded.status()).as(path).isEqualTo(101);
				assertThat(upgraded.header("Sec-WebSocket-Extensions")).isNull();
			}
		}
	}

	@Test
	void probesShouldBeUp() throws Exception {
		assertThat(get("/actuator/health/liveness").body()).contains("\"UP\"");
		assertThat(get("/actuator/health/readiness").body()).contains("\"UP\"");
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
