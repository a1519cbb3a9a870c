package dev.junction.security;

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

/**
 * {@code auth: optional} (a token is not needed, but a sent one must be valid) and
 * {@code auth: none} (tokens are not looked at), and the start-up warning about them.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=optional",
				"junction.protocols.pairs.auth=none" })
class PolicyWireTests {

	@LocalServerPort
	int port;

	@Test
	void optionalShouldAdmitNoTokenAndAValidOneButRefuseABadOne() throws Exception {
		try (RawWebSocket anonymous = RawWebSocket.upgrade(this.port, "/ws")) {
			assertThat(anonymous.status()).isEqualTo(101);
		}
		try (RawWebSocket valid = RawWebSocket.upgrade(this.port, "/ws?token=" + TestTokens.token("a"))) {
			assertThat(valid.status()).isEqualTo(101);
		}
		try (RawWebSocket bad = RawWebSocket.upgrade(this.port, "/ws?token=bad")) {
			assertThat(bad.status()).isEqualTo(401);
		}
	}

	@Test
	void noneShouldIgnoreEvenABadToken() throws Exception {
		try (RawWebSocket legacy = RawWebSocket.upgrade(this.port, "/desktop/Legacy1?token=bad")) {
			assertThat(legacy.status()).isEqualTo(101);
		}
	}

	@Test
	void startUpShouldWarnAboutProtocolsOpenWithoutAToken(CapturedOutput output) {
		// The capture starts before the class's (uncached) context does.
		assertThat(output.getAll())
			.contains("Protocols open without a token: rooms (auth: optional), pairs (auth: none)");
	}

}
