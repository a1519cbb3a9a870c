package dev.junction.protocol.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sixth protocol, defined only in the tests and added as one bean: it is served on its
 * path with its frame limit, its upgrades are authenticated by its policy and scoped by
 * its binding claims, and its connections and live counts reach the meters.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "junction.auth.hmac-secret=" + TestTokens.SECRET)
class EchoProtocolWireTests {

	@LocalServerPort
	int port;

	@Test
	void frameShouldComeBackToItsSenderWithTheTokensSubject() {
		TestWebSocket client = TestWebSocket.connect(this.port, "/echo?access_token=" + TestTokens.token("alice"));
		client.send("hello");
		assertThat(client.nextText()).isEqualTo("alice: hello");
		client.sendBinary(new byte[] { 1, 2, 3 });
		assertThat(client.nextBinary()).containsExactly(1, 2, 3);
		client.close(1000);
	}

	@Test
	void upgradeWithoutTokenShouldBeRefusedByTheProtocolsPolicy() throws Exception {
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/echo")) {
			assertThat(refused.status()).isEqualTo(401);
		}
	}

	@Test
	void tokenBoundToAnotherProtocolOrRefusedByTheProtocolShouldNotOpenIt() throws Exception {
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port,
				"/echo?access_token=" + TestTokens.token("alice", Map.of("room", "K7QX2M")))) {
			assertThat(refused.status()).isEqualTo(401);
		}
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port,
				"/echo?access_token=" + TestTokens.token("blocked"))) {
			assertThat(refused.status()).isEqualTo(401);
		}
		TestWebSocket bound = TestWebSocket.connect(this.port,
				"/echo?access_token=" + TestTokens.token("bob", Map.of("echo", "yes")));
		bound.send("hi");
		assertThat(bound.nextText()).isEqualTo("bob: hi");
		bound.close(1000);
	}

	@Test
	void connectionsAndLiveCountsShouldReachTheMeters() {
		TestWebSocket client = TestWebSocket.connect(this.port, "/echo?access_token=" + TestTokens.token("carol"));
		client.send("ping");
		assertThat(client.nextText()).isEqualTo("carol: ping");
		await().untilAsserted(() -> assertThat(scrape()).contains("junction_connections_active{protocol=\"echo\"} 1.0")
			.contains("junction_groups_active{kind=\"echoes\"} 1.0")
			.contains("junction_frames_total{direction=\"in\",kind=\"text\",protocol=\"echo\"}"));
		client.close(1000);
		await().untilAsserted(() -> assertThat(scrape()).contains("junction_groups_active{kind=\"echoes\"} 0.0"));
	}

	private String scrape() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		EchoRelayProtocol echoRelayProtocol() {
			return new EchoRelayProtocol();
		}

	}

}
