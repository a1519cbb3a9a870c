package dev.junction.config;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
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
 * With the access log on, upgrades are logged with their token redacted.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "junction.access-log.enabled=true",
		"junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=required" })
class AccessLogWireTests {

	@LocalServerPort
	int port;

	@Test
	void accessLogShouldNeverContainTheToken(CapturedOutput output) throws Exception {
		String token = TestTokens.token("logged");
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/ws?token=" + token)) {
			assertThat(client.status()).isEqualTo(101);
		}
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/ws?token=not-a-valid-token")) {
			assertThat(refused.status()).isEqualTo(401);
		}
		await().until(() -> output.getAll().contains("\"GET /ws?token=[redacted] HTTP/1.1\" 401"));
		assertThat(output.getAll()).doesNotContain(token).doesNotContain("not-a-valid-token");
	}

}
