package dev.junction.security;

import java.util.Map;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code junction.security.require-session-claim=true}, every pairs and tunnel token
 * must carry a {@code sid} claim naming its session, and the refusal is the same whether
 * or not the session is live.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.pairs.auth=required",
				"junction.security.require-session-claim=true" })
class SessionClaimRequiredSecurityWireTests {

	@LocalServerPort
	int port;

	@Test
	void pairsTokenWithoutSidWhenRequiredShouldBe401WhetherOrNotTheSessionIsLive() throws Exception {
		String live = SessionOwnershipSecurityWireTests.newPairsId();
		TestWebSocket owner = TestWebSocket.connect(this.port,
				"/desktop/" + live + "?token=" + TestTokens.token("alice", Map.of("sid", live)));
		assertThat(owner.nextText()).startsWith("{\"type\":\"connected\"");
		String unbound = TestTokens.token("alice");
		try (RawWebSocket toLive = RawWebSocket.upgrade(this.port, "/mobile/" + live + "?token=" + unbound);
				RawWebSocket toIdle = RawWebSocket.upgrade(this.port,
						"/mobile/" + SessionOwnershipSecurityWireTests.newPairsId() + "?token=" + unbound)) {
			assertThat(toLive.status()).isEqualTo(401).isEqualTo(toIdle.status());
			assertThat(toLive.header("WWW-Authenticate")).isEqualTo(toIdle.header("WWW-Authenticate"))
				.isEqualTo("Bearer error=\"invalid_token\", error_description=\"token not valid for this session\"");
		}
		TestWebSocket mobile = TestWebSocket.connect(this.port,
				"/mobile/" + live + "?token=" + TestTokens.token("bob", Map.of("sid", live)));
		assertThat(mobile.nextText()).startsWith("{\"type\":\"connected\"");
	}

	@Test
	void tunnelTokenWithoutSidWhenRequiredShouldBeRefusedAtTheHandshakeAndInTheAuthFrame() throws Exception {
		String id = SessionOwnershipSecurityWireTests.newTunnelId();
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port,
				"/relay/" + id + "?token=" + TestTokens.token("alice"))) {
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.header("WWW-Authenticate")).contains("token not valid for this session");
		}
		TestWebSocket inBand = TestWebSocket.connect(this.port, "/relay/" + id);
		inBand.send("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("alice") + "\"}");
		assertThat(inBand.nextText()).isEqualTo("{\"type\":\"error\",\"message\":\"Authentication failed\"}");
		assertThat(inBand.awaitClose().code()).isEqualTo(1008);
		TestWebSocket first = TestWebSocket.connect(this.port,
				"/relay/" + id + "?token=" + TestTokens.token("alice", Map.of("sid", id)));
		first.sendBinary(new byte[] { 5 });
		TestWebSocket second = TestWebSocket.connect(this.port, "/relay/" + id);
		second.send("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("bob", Map.of("sid", id)) + "\"}");
		assertThat(second.nextBinary()).containsExactly(5);
	}

}
