package dev.junction.security;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With every log the README mentions switched on (connection logs at DEBUG, the access
 * log), a token sent in the query, under any spelling of its parameter's name, never
 * reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=required",
				"logging.level.dev.junction.web=DEBUG", "logging.level.dev.junction.security=DEBUG",
				"junction.access-log.enabled=true" })
@Import(TokenLoggingSecurityWireTests.FailingRoute.class)
class TokenLoggingSecurityWireTests {

	/** Every spelling of the two query parameters that the token lookup accepts. */
	private static final List<String> PARAMETERS = List.of("token", "%74oken", "x=1&%61ccess_%74oken");

	@LocalServerPort
	int port;

	@Test
	void queryTokenShouldNeverBeLoggedWhateverItsParameterIsCalled(CapturedOutput output) throws Exception {
		List<String> tokens = new ArrayList<>();
		for (String parameter : PARAMETERS) {
			String token = TestTokens.token("accepted " + parameter);
			tokens.add(token);
			try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/ws?" + parameter + "=" + token)) {
				assertThat(client.status()).isEqualTo(101);
			}
		}
		await().until(() -> output.getAll().split("Opened Connection\\[rooms", -1).length == PARAMETERS.size() + 1);
		for (String parameter : PARAMETERS) {
			// A real token with a broken signature: refused, so the access log has its
			// line.
			String valid = TestTokens.token("refused " + parameter);
			String token = valid.substring(0, valid.length() - 4);
			tokens.add(token);
			try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/ws?" + parameter + "=" + token)) {
				assertThat(client.status()).isEqualTo(401);
			}
		}
		await().until(() -> PARAMETERS.stream()
			.allMatch(
					(parameter) -> output.getAll().contains("\"GET /ws?" + parameter + "=[redacted] HTTP/1.1\" 401")));
		assertThat(output.getAll()).contains("Session id");
		for (String token : tokens) {
			assertThat(output.getAll()).doesNotContain(token);
		}
	}

	@Test
	void tokenOfARequestDroppedMidHeadShouldNeverBeLogged(CapturedOutput output) throws Exception {
		String token = TestTokens.token("dropped");
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /ws?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		await().until(() -> output.getAll().contains("undecodable request (PrematureChannelClosureException)"));
		assertThat(output.getAll()).doesNotContain(token).doesNotContain("Decoding failed");
	}

	@Test
	void tokenOfARequestThatFailsShouldNeverBeLogged(CapturedOutput output) throws Exception {
		String token = TestTokens.token("failing");
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/test/failure?x=1&%74oken=" + token))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(500);
		await().until(() -> output.getAll().contains("Error on GET /test/failure?x=1&%74oken=[redacted]"));
		assertThat(output.getAll()).contains("test failure").doesNotContain(token);
	}

	/**
	 * A route that fails, as a bug would.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class FailingRoute {

		@Bean
		RouterFunction<ServerResponse> failingRoute() {
			return RouterFunctions.route()
				.GET("/test/failure", (request) -> Mono.error(new IllegalStateException("test failure")))
				.build();
		}

	}

}
