package dev.junction.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token with binding claims opens only the protocols those claims govern, and an
 * anonymous sign-in token opens signaling only; elsewhere it is refused like a bad token.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=required",
				"junction.protocols.pairs.auth=required", "junction.protocols.topics.auth=required",
				"junction.protocols.signaling.anonymous-signin=true" })
class ClaimScopeSecurityWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String SCOPE_CHALLENGE = "Bearer error=\"invalid_token\", "
			+ "error_description=\"token not valid for this protocol\"";

	private static final String TUNNEL_AUTH_FAILED = "{\"type\":\"error\",\"message\":\"Authentication failed\"}";

	private static final String SIGNALING_INVALID_TOKEN = "{\"type\":\"error\",\"error\":\"Invalid token\",\"reason\":\"Invalid token\"}";

	@LocalServerPort
	int port;

	@Test
	void roomTokenShouldOpenRoomsOnly() throws Exception {
		String token = TestTokens.token("roomer", Map.of("room", "ABCDEF"));
		assertUpgrade("/ws?token=" + token, 101);
		assertRefusedForScope("/desktop/Abc1?token=" + token);
		assertRefusedForScope("/relay/abc?token=" + token);
		assertRefusedForScope("/topics?token=" + token);
		assertRefusedForScope("/signaling?token=" + token);
	}

	@Test
	void sidTokenShouldOpenPairsAndTunnelOnly() throws Exception {
		String token = TestTokens.token("sider", Map.of("sid", "Scoped1"));
		assertUpgrade("/desktop/Scoped1?token=" + token, 101);
		assertUpgrade("/relay/Scoped1?token=" + token, 101);
		assertRefusedForScope("/ws?token=" + token);
		assertRefusedForScope("/topics?token=" + token);
		assertRefusedForScope("/signaling?token=" + token);
	}

	@Test
	void topicAndRoleTokensShouldOpenOnlyTheirProtocol() throws Exception {
		String topic = TestTokens.token("topicer", Map.of("topic", "t1"));
		assertUpgrade("/topics?token=" + topic, 101);
		assertRefusedForScope("/ws?token=" + topic);
		assertRefusedForScope("/mobile/Abc2?token=" + topic);
		String role = TestTokens.token("roler", Map.of("role", "worker"));
		assertUpgrade("/signaling?token=" + role, 101);
		assertRefusedForScope("/ws?token=" + role);
		assertRefusedForScope("/topics?token=" + role);
	}

	@Test
	void tokenWithClaimsOfTwoProtocolsShouldOpenBothAndNothingElse() throws Exception {
		String token = TestTokens.token("both", Map.of("room", "ABCDEF", "topic", "t2"));
		assertUpgrade("/ws?token=" + token, 101);
		assertUpgrade("/topics?token=" + token, 101);
		assertRefusedForScope("/cli/Abc3?token=" + token);
		assertRefusedForScope("/signaling?token=" + token);
	}

	@Test
	void tokenWithoutBindingClaimsShouldOpenEveryProtocol() throws Exception {
		String token = TestTokens.token("plain");
		for (String path : new String[] { "/ws", "/dashboard/Plain1", "/relay/plain", "/topics", "/signaling" }) {
			assertUpgrade(path + "?token=" + token, 101);
		}
	}

	@Test
	void roomTokenCreateRoomShouldReplyInvalidMessageFormatAndKeepTheSocket() throws Exception {
		String token = TestTokens.token("roomer", Map.of("room", "ABCDEF"));
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/ws?token=" + token)) {
			client.sendText("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"u\"}}");
			assertThat(client.readText())
				.isEqualTo("{\"type\":\"error\",\"payload\":{\"error\":\"Invalid message format\","
						+ "\"details\":\"create_room is not allowed with a token bound to a room\"}}");
			client.sendText("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"ABCDEF\",\"user_id\":\"u\"}}");
			assertThat(client.readText()).contains("\"code\":\"ROOM_NOT_FOUND\"");
		}
	}

	@Test
	void inBandTokensScopedElsewhereShouldGetTheProtocolsAuthError() {
		String room = TestTokens.token("roomer", Map.of("room", "ABCDEF"));
		TestWebSocket tunnel = TestWebSocket.connect(this.port, "/relay/inband");
		tunnel.send("{\"type\":\"auth\",\"token\":\"" + room + "\"}");
		assertThat(tunnel.nextText()).isEqualTo(TUNNEL_AUTH_FAILED);
		assertThat(tunnel.awaitClose()).isEqualTo(new TestWebSocket.Closed(1008, "authentication failed"));
		JsonNode created = json.readTree(post("/create-room", TestTokens.token("creator")).body());
		TestWebSocket signaling = TestWebSocket.connect(this.port, "/signaling");
		signaling.send(register("Scoped-1", created, room));
		assertThat(signaling.nextText()).isEqualTo(SIGNALING_INVALID_TOKEN);
		signaling.assertOpen();
	}

	@Test
	void signalingHttpWithATokenScopedElsewhereShouldBe401() {
		HttpResponse<String> response = post("/create-room", TestTokens.token("sider", Map.of("sid", "x")));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body())
			.isEqualTo("{\"detail\":\"Token verification failed: token not valid for this protocol\"}");
	}

	@Test
	void anonymousSignInTokenShouldOpenSignalingOnly() throws Exception {
		HttpResponse<String> signedIn = post("/anonymous-signin", null);
		assertThat(signedIn.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(signedIn.body());
		String token = body.get("id_token").stringValue();
		for (String path : new String[] { "/ws", "/room/x", "/desktop/Anon1", "/mobile/Anon1", "/relay/anon",
				"/topics" }) {
			assertRefusedForScope(path + "?token=" + token);
		}
		TestWebSocket tunnel = TestWebSocket.connect(this.port, "/relay/anon");
		tunnel.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
		assertThat(tunnel.nextText()).isEqualTo(TUNNEL_AUTH_FAILED);
		assertThat(tunnel.awaitClose().code()).isEqualTo(1008);
		// Signaling, over HTTP and in register, as the deployed clients use it.
		HttpResponse<String> created = post("/create-room", token);
		assertThat(created.statusCode()).isEqualTo(200);
		TestWebSocket signaling = TestWebSocket.connect(this.port, "/signaling");
		String peerId = body.get("username").stringValue();
		signaling.send(register(peerId, json.readTree(created.body()), token));
		assertThat(json.readTree(signaling.nextText()).get("type").stringValue()).isEqualTo("registered_auth");
	}

	@Test
	void bareHostShouldCloseWhenTheChosenProtocolIsOutsideTheHandshakeTokensScope() {
		String room = TestTokens.token("roomer", Map.of("room", "ABCDEF"));
		TestWebSocket topics = TestWebSocket.connect(this.port, "/?token=" + room);
		topics.send("{\"type\":\"join\",\"topic\":\"t3\"}");
		assertThat(topics.awaitClose()).isEqualTo(new TestWebSocket.Closed(1008, "not authorized"));
		TestWebSocket signaling = TestWebSocket.connect(this.port, "/?token=" + room);
		signaling.send("{\"type\":\"register\",\"peer_id\":\"p\"}");
		assertThat(signaling.awaitClose()).isEqualTo(new TestWebSocket.Closed(1008, "not authorized"));
		TestWebSocket allowed = TestWebSocket.connect(this.port,
				"/?token=" + TestTokens.token("topicer", Map.of("topic", "t3")));
		allowed.send("{\"type\":\"join\",\"topic\":\"t3\",\"peerId\":\"p3\"}");
		allowed.send("{\"type\":\"join\"}");
		assertThat(allowed.nextText()).isEqualTo("{\"type\":\"error\",\"payload\":\"Topic is required for join\"}");
	}

	@Test
	void startUpShouldWarnThatAnonymousSignInIsOn(CapturedOutput output) {
		// The capture starts before the class's (uncached) context does.
		assertThat(output.getAll()).contains("Anonymous sign-in is on");
	}

	private void assertUpgrade(String path, int status) throws Exception {
		try (RawWebSocket upgrade = RawWebSocket.upgrade(this.port, path)) {
			assertThat(upgrade.status()).as(path).isEqualTo(status);
		}
	}

	private void assertRefusedForScope(String path) throws Exception {
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, path)) {
			assertThat(refused.status()).as(path).isEqualTo(401);
			assertThat(refused.header("WWW-Authenticate")).as(path).isEqualTo(SCOPE_CHALLENGE);
		}
	}

	private static String register(String peerId, JsonNode room, String userToken) {
		return "{\"type\":\"register\",\"peer_id\":\"" + peerId + "\",\"room_id\":\""
				+ room.get("room_id").stringValue() + "\",\"token\":\"" + room.get("token").stringValue()
				+ "\",\"id_token\":\"" + userToken + "\"}";
	}

	private HttpResponse<String> post(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
