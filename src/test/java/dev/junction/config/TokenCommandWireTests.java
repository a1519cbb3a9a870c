package dev.junction.config;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token minted by the token command, with the server's configuration, opens a
 * connection on a running server that requires one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.auth.audience=junction",
				"junction.protocols.rooms.auth=required" })
class TokenCommandWireTests {

	@LocalServerPort
	int port;

	@Test
	void mintedTokenShouldOpenARoomsConnection() throws Exception {
		TokenCommandTests.Result minted = TokenCommandTests.run("--sub", "alice", "--ttl", "10m",
				"--junction.auth.hmac-secret=" + TestTokens.SECRET, "--junction.auth.audience=junction");
		assertThat(minted.code()).isZero();
		try (RawWebSocket socket = RawWebSocket.upgrade(this.port, "/ws?token=" + minted.token())) {
			assertThat(socket.status()).isEqualTo(101);
			socket.sendText("{\"type\":\"create_room\",\"payload\":{}}");
			assertThat(socket.readText()).startsWith("{\"type\":\"room_created\"");
		}
	}

	@Test
	void tokenForAnotherAudienceShouldBeRefusedByTheServerAsByTheCommand() throws Exception {
		TokenCommandTests.Result minted = TokenCommandTests.run("--sub", "alice", "--aud", "elsewhere",
				"--junction.auth.hmac-secret=" + TestTokens.SECRET, "--junction.auth.audience=junction");
		assertThat(minted.err()).contains("invalid audience");
		try (RawWebSocket socket = RawWebSocket.upgrade(this.port, "/ws?token=" + minted.token())) {
			assertThat(socket.status()).isEqualTo(401);
			assertThat(socket.header("WWW-Authenticate")).contains("error_description=\"invalid audience\"");
		}
	}

}
