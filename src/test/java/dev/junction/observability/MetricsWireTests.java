package dev.junction.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters after real traffic on every protocol, scraped from
 * {@code /actuator/prometheus}: names, tags, and no id in any tag.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=required" })
class MetricsWireTests {

	private static final Pattern LABEL_VALUE = Pattern.compile("=\"([^\"]*)\"");

	@LocalServerPort
	int port;

	@Test
	void trafficOnEveryProtocolShouldShowInTheMetersWithoutIds() throws Exception {
		String token = TestTokens.token("meter-user-42");
		TestWebSocket host = TestWebSocket.connect(this.port, "/ws?token=" + token);
		host.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"user-id-7781\",\"display_name\":\"Zed\"}}");
		String created = host.nextText();
		String roomCode = created.substring(created.indexOf("room_code\":\"") + 12,
				created.indexOf("room_code\":\"") + 18);
		TestWebSocket guest = TestWebSocket.connect(this.port, "/ws?token=" + token);
		guest.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + roomCode
				+ "\",\"user_id\":\"user-id-9912\"}}");
		guest.nextText();
		host.nextText();
		host.send("{\"type\":\"chat\"}");
		guest.nextText();
		TestWebSocket desktop = TestWebSocket.connect(this.port, "/desktop/PairSession5531");
		desktop.nextText();
		desktop.send("{\"type\":\"ping\"}");
		desktop.nextText();
		desktop.close(1000);
		TestWebSocket peer = TestWebSocket.connect(this.port, "/topics");
		peer.send("{\"type\":\"join\",\"topic\":\"topic-name-3141\",\"peerId\":\"peer-id-2718\"}");
		TestWebSocket tunnelA = TestWebSocket.connect(this.port, "/relay/tunnel-session-1618?token=" + token);
		TestWebSocket tunnelB = TestWebSocket.connect(this.port, "/relay/tunnel-session-1618?token=" + token);
		tunnelA.sendBinary(new byte[] { 1, 2, 3 });
		tunnelB.nextBinary();
		tunnelA.close(1000);
		tunnelB.awaitClose();
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/ws")) {
			assertThat(refused.status()).isEqualTo(401);
		}
		await().untilAsserted(
				() -> assertThat(scrape()).contains("junction_tunnel_bytes_total{direction=\"client_to_server\"} 3.0"));
		String metrics = scrape();
		assertThat(metrics).contains("junction_connections_opened_total{protocol=\"rooms\"} 2.0")
			.contains("junction_connections_active{protocol=\"rooms\"} 2.0")
			.contains("junction_connections_closed_total{close_code=\"1000\",protocol=\"pairs\"} 1.0")
			.contains("junction_frames_total{direction=\"in\",kind=\"text\",protocol=\"rooms\"}")
			.contains("junction_frames_total{direction=\"out\",kind=\"binary\",protocol=\"tunnel\"} 1.0")
			.contains("junction_frame_bytes_total{direction=\"in\",kind=\"binary\",protocol=\"tunnel\"} 3.0")
			.contains("junction_delivery_latency_seconds_bucket{protocol=\"rooms\",le=\"0.001\"}")
			.contains("junction_groups_active{kind=\"rooms\"} 1.0")
			.contains("junction_groups_active{kind=\"topics\"} 1.0")
			.contains("junction_outbound_queued_bytes ")
			.contains("junction_auth_refusals_total{reason=\"missing_token\"} 1.0");
		// Spring Security's chain observations are off: for an upgrade they would stay
		// open for the connection's whole life.
		assertThat(metrics).doesNotContain("spring_security_");
		Set<String> labelValues = new HashSet<>();
		for (String line : metrics.lines().filter((line) -> line.startsWith("junction_")).toList()) {
			Matcher matcher = LABEL_VALUE.matcher(line);
			while (matcher.find()) {
				labelValues.add(matcher.group(1));
			}
		}
		for (String id : List.of(roomCode, "user-id-7781", "user-id-9912", "PairSession5531", "topic-name-3141",
				"peer-id-2718", "tunnel-session-1618", "meter-user-42", "Zed")) {
			assertThat(labelValues).as("label values").noneMatch((value) -> value.contains(id));
		}
	}

	@Test
	void relayedFramesShouldShowInTheAllocatorMeters() throws Exception {
		String token = TestTokens.token("allocator-user");
		TestWebSocket tunnelA = TestWebSocket.connect(this.port, "/relay/allocator-session?token=" + token);
		TestWebSocket tunnelB = TestWebSocket.connect(this.port, "/relay/allocator-session?token=" + token);
		byte[] payload = new byte[256 * 1024];
		tunnelA.sendBinary(payload);
		assertThat(tunnelB.nextBinary()).hasSize(payload.length);
		String metrics = scrape();
		assertThat(gauge(metrics, "junction_netty_allocator_used_direct_memory_bytes")).isPositive();
		assertThat(gauge(metrics, "junction_netty_allocator_used_heap_memory_bytes")).isNotNegative();
		assertThat(metrics).contains("# TYPE junction_netty_allocator_used_direct_memory_bytes gauge");
		tunnelA.close(1000);
		tunnelB.awaitClose();
	}

	@Test
	void closeCodesAClientChoosesShouldNotAddSeries() throws Exception {
		for (int code = 4000; code < 4010; code++) {
			TestWebSocket client = TestWebSocket.connect(this.port, "/topics");
			client.close(code);
		}
		Pattern other = Pattern
			.compile("(?m)^junction_connections_closed_total\\{close_code=\"other\",protocol=\"topics\"} (\\S+)$");
		await().until(() -> {
			Matcher matcher = other.matcher(scrape());
			return matcher.find() && Double.parseDouble(matcher.group(1)) >= 10;
		});
		assertThat(scrape()).doesNotContainPattern("close_code=\"40\\d\\d\"");
	}

	private static double gauge(String metrics, String name) {
		Matcher matcher = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
		assertThat(matcher.find()).as(name + " in the scrape").isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	private String scrape() throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
