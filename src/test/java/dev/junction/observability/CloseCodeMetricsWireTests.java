package dev.junction.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.junction.support.RawWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection closed below the session (a frame over the limit, refused by the frame
 * decoder) is counted with the close code the client received, not as an abnormal
 * closure.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.protocols.rooms.max-frame-size=4KB", "junction.limits.max-frame-size=4KB" })
class CloseCodeMetricsWireTests {

	@LocalServerPort
	int port;

	@Test
	void frameOverTheLimitShouldCountAs1009AndAFrameSizeHit() throws Exception {
		// A client that never answers the close frame: the server's own close code is all
		// there is to count.
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/ws")) {
			client.sendFrame(2, new byte[8 * 1024]);
			assertThat(client.readUntilClose().closeCode()).isEqualTo(1009);
		}
		await().untilAsserted(() -> assertThat(scrape())
			.contains("junction_connections_closed_total{close_code=\"1009\",protocol=\"rooms\"} 1.0")
			.contains("junction_limit_hits_total{limit=\"frame_size\"} 1.0")
			.doesNotContain("close_code=\"1006\",protocol=\"rooms\""));
	}

	private String scrape() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

}
