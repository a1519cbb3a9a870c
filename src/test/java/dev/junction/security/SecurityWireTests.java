package dev.junction.security;

import java.util.List;
import java.util.Map;

import dev.junction.core.ConnectionRegistry;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handshake tokens on the wire: every source, the refusals, the binding claims, the
 * origin allow-list and the per-subject cap, with {@code auth: required}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=required",
				"junction.protocols.pairs.auth=required", "junction.protocols.topics.auth=required",
				"junction.security.allowed-origins=https://good.example",
				"junction.limits.max-connections-per-subject=2" })
class SecurityWireTests {

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry connections;

	@Test
	void upgradeWithoutTokenShouldBe401WithBearerChallenge() throws Exception {
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/ws")) {
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.header("WWW-Authenticate"))
				.isEqualTo("Bearer error=\"invalid_token\", error_description=\"missing token\"");
		}
	}

	@Test
	void badTokensShouldBe401WithTheReason() throws Exception {
		Map<String, String> cases = Map.of("garbage", "malformed token", TestTokens.token("a") + "x",
				"invalid signature");
		for (Map.Entry<String, String> bad : cases.entrySet()) {
			try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/ws",
					"Authorization: Bearer " + bad.getKey())) {
				assertThat(refused.status()).isEqualTo(401);
				assertThat(refused.header("WWW-Authenticate")).contains("error_description=\"" + bad.getValue() + "\"");
				assertThat(refused.body()).doesNotContain(bad.getKey());
			}
		}
	}

	@Test
	void tokenShouldBeAcceptedFromEverySource() throws Exception {
		// A subject of its own per source: this server caps connections per subject at 2.
		try (RawWebSocket header = RawWebSocket.upgrade(this.port, "/ws",
				"Authorization: Bearer " + TestTokens.token("source-header"))) {
			assertThat(header.status()).isEqualTo(101);
		}
		try (RawWebSocket query = RawWebSocket.upgrade(this.port, "/ws?token=" + TestTokens.token("source-query"))) {
			assertThat(query.status()).isEqualTo(101);
		}
		try (RawWebSocket query = RawWebSocket.upgrade(this.port,
				"/room/x?access_token=" + TestTokens.token("source-access-token"))) {
			assertThat(query.status()).isEqualTo(101);
		}
	}

	@Test
	void tokenAsSubprotocolShouldSelectBearer() throws Exception {
		String token = TestTokens.token("browser");
		try (RawWebSocket browser = RawWebSocket.upgrade(this.port, "/ws",
				"Sec-WebSocket-Protocol: bearer, " + token)) {
			assertThat(browser.status()).isEqualTo(101);
			assertThat(browser.header("Sec-WebSocket-Protocol")).isEqualTo("bearer");
			browser.sendText("{\"type\":\"create_room\",\"payload\":{}}");
			assertThat(browser.readText()).startsWith("{\"type\":\"room_created\"");
		}
	}

	@Test
	void pairsTokenBoundToASessionShouldOpenOnlyThatSession() throws Exception {
		String token = TestTokens.token("bob", Map.of("sid", "Abc123"));
		try (RawWebSocket own = RawWebSocket.upgrade(this.port, "/desktop/Abc123?token=" + token)) {
			assertThat(own.status()).isEqualTo(101);
			assertThat(own.readText()).startsWith("{\"type\":\"connected\"");
		}
		try (RawWebSocket other = RawWebSocket.upgrade(this.port, "/desktop/Other1?token=" + token)) {
			assertThat(other.status()).isEqualTo(401);
			assertThat(other.header("WWW-Authenticate")).contains("token not valid for this session");
		}
		String list = TestTokens.token("bob", Map.of("sid", List.of("One1", "Two2")));
		try (RawWebSocket listed = RawWebSocket.upgrade(this.port, "/mobile/Two2?token=" + list)) {
			assertThat(listed.status()).isEqualTo(101);
		}
	}

	@Test
	void badPairsPathShouldStillBe400BeforeAuthentication() throws Exception {
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/desktop/not-valid")) {
			assertThat(refused.status()).isEqualTo(400);
		}
	}

	@Test
	void roomsTokenBoundToARoomShouldJoinOnlyThatRoom() throws Exception {
		String code;
		try (RawWebSocket host = RawWebSocket.upgrade(this.port, "/ws?token=" + TestTokens.token("host"))) {
			host.sendText("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"h\"}}");
			String created = host.readText();
			code = created.substring(created.indexOf("room_code\":\"") + 12, created.indexOf("room_code\":\"") + 18);
			String bound = TestTokens.token("guest", Map.of("room", code));
			try (RawWebSocket guest = RawWebSocket.upgrade(this.port, "/ws?token=" + bound)) {
				guest.sendText("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\"}}");
				assertThat(guest.readText()).startsWith("{\"type\":\"room_joined\"");
				guest.sendText("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"ZZZZZZ\"}}");
				RawWebSocket.Frame close = guest.readUntilClose();
				assertThat(close.closeCode()).isEqualTo(1008);
			}
			try (RawWebSocket creator = RawWebSocket.upgrade(this.port, "/ws?token=" + bound)) {
				// A reply, not a close: the socket may still join its own room.
				creator.sendText("{\"type\":\"create_room\",\"payload\":{}}");
				assertThat(creator.readText()).contains("create_room is not allowed with a token bound to a room");
				creator.sendText("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\"}}");
				assertThat(creator.readText()).startsWith("{\"type\":\"room_joined\"");
			}
		}
	}

	@Test
	void topicsTokenBoundToATopicShouldJoinOnlyThatTopic() throws Exception {
		String bound = TestTokens.token("topic-user", Map.of("topic", "allowed-topic"));
		try (RawWebSocket peer = RawWebSocket.upgrade(this.port, "/topics?token=" + bound)) {
			assertThat(peer.status()).isEqualTo(101);
			peer.sendText("{\"type\":\"join\",\"topic\":\"allowed-topic\",\"peerId\":\"p1\"}");
			peer.sendText("{\"type\":\"join\",\"topic\":\"other-topic\"}");
			RawWebSocket.Frame close = peer.readUntilClose();
			assertThat(close.closeCode()).isEqualTo(1008);
		}
	}

	@Test
	void disallowedOriginShouldBe403() throws Exception {
		String token = TestTokens.token("web");
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/ws?token=" + token,
				"Origin: https://evil.example")) {
			assertThat(refused.status()).isEqualTo(403);
		}
		try (RawWebSocket allowed = RawWebSocket.upgrade(this.port, "/ws?token=" + token,
				"Origin: https://good.example")) {
			assertThat(allowed.status()).isEqualTo(101);
		}
	}

	@Test
	void subjectOverItsConnectionCapShouldBe429() throws Exception {
		String token = TestTokens.token("busy-subject");
		try (RawWebSocket first = RawWebSocket.upgrade(this.port, "/ws?token=" + token);
				RawWebSocket second = RawWebSocket.upgrade(this.port, "/ws?token=" + token)) {
			assertThat(first.status()).isEqualTo(101);
			assertThat(second.status()).isEqualTo(101);
			// Caps count established connections; wait until both are.
			await().until(() -> this.connections.countBySubject("busy-subject") == 2);
			RawWebSocket third = RawWebSocket.upgrade(this.port, "/ws?token=" + token);
			third.close();
			assertThat(third.status()).isEqualTo(429);
			assertThat(third.header("Retry-After")).isNotNull();
		}
	}

}
