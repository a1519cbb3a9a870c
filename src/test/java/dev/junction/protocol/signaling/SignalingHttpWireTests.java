package dev.junction.protocol.signaling;

import java.net.http.HttpResponse;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The signaling server's HTTP endpoints: {@code /create-room}, {@code /anonymous-signin}
 * (switched on here) and {@code /delete-peer}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { SignalingWire.SECRET_PROPERTY, "junction.protocols.signaling.anonymous-signin=true" })
class SignalingHttpWireTests {

	@LocalServerPort
	int port;

	private SignalingWire wire;

	@BeforeEach
	void wire() {
		this.wire = new SignalingWire(this.port);
	}

	@Test
	void createRoomShouldAnswerRandomHexIdAndToken() {
		HttpResponse<String> response = this.wire.post("/create-room", "Bearer " + TestTokens.token("u"), "");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).matches("\\{\"room_id\":\"[0-9a-f]{8}\",\"token\":\"[0-9a-f]{6}\"}");
		HttpResponse<String> unprefixed = this.wire.post("/create-room", TestTokens.token("u"), "");
		assertThat(unprefixed.statusCode()).isEqualTo(200);
		assertThat(unprefixed.body()).isNotEqualTo(response.body());
	}

	@Test
	void createRoomWithoutAValidTokenShouldBe401WithDetail() {
		HttpResponse<String> missing = this.wire.post("/create-room", null, "");
		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(missing.body()).isEqualTo("{\"detail\":\"Token verification failed: missing token\"}");
		HttpResponse<String> bad = this.wire.post("/create-room", "Bearer "
				+ TestTokens.builder("u").signWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(new byte[32])).compact(),
				"");
		assertThat(bad.statusCode()).isEqualTo(401);
		assertThat(bad.body()).isEqualTo("{\"detail\":\"Token verification failed: invalid signature\"}");
	}

	@Test
	void anonymousSigninShouldMintATokenThatRegistersItsUsername() {
		HttpResponse<String> response = this.wire.post("/anonymous-signin", null, "");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode signedIn = SignalingWire.json.readTree(response.body());
		assertThat(signedIn.propertyNames()).containsExactly("id_token", "username");
		String username = signedIn.get("username").stringValue();
		assertThat(username).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		Room room = this.wire.createRoom();
		ObjectNode register = SignalingWire.register(username, room);
		register.put("id_token", signedIn.get("id_token").stringValue());
		this.wire.registered(register);
		HttpResponse<String> created = this.wire.post("/create-room", signedIn.get("id_token").stringValue(), "");
		assertThat(created.statusCode()).isEqualTo(200);
	}

	@Test
	void deletePeerShouldRemoveOnlyTheOwnersPeer() {
		Room room = this.wire.createRoom();
		String worker = SignalingWire.newPeerId("Worker");
		String client = SignalingWire.newPeerId("Client");
		this.wire.registered(SignalingWire.register(worker, room));
		TestWebSocket clientSocket = this.wire.registered(SignalingWire.register(client, room));
		String body = "{\"peer_id\":\"" + worker + "\"}";
		HttpResponse<String> forbidden = this.wire.post("/delete-peer", "Bearer " + TestTokens.token(client), body);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		HttpResponse<String> deleted = this.wire.post("/delete-peer", "Bearer " + TestTokens.token(worker), body);
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(deleted.body()).isEqualTo("{\"status\":\"peer deleted successfully. Room status: active\"}");
		HttpResponse<String> again = this.wire.post("/delete-peer", "Bearer " + TestTokens.token(worker), body);
		assertThat(again.body()).isEqualTo("{\"status\":\"peer deleted (already removed from room)\"}");
		clientSocket.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + client + "\"}");
		assertThat(SignalingWire.read(clientSocket).get("count").intValue()).isZero();
		HttpResponse<String> last = this.wire.post("/delete-peer", TestTokens.token(client),
				"{\"peer_id\":\"" + client + "\"}");
		assertThat(last.body()).isEqualTo("{\"status\":\"peer deleted successfully. Room status: deleted\"}");
		clientSocket.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + client + "\"}");
		assertThat(clientSocket.nextText()).contains("NOT_IN_ROOM");
	}

	@Test
	void deletePeerWithoutTokenOrPeerIdShouldBeRefused() {
		HttpResponse<String> missing = this.wire.post("/delete-peer", null, "{\"peer_id\":\"x\"}");
		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(missing.body()).isEqualTo("{\"detail\":\"Token verification failed: missing token\"}");
		HttpResponse<String> noPeer = this.wire.post("/delete-peer", TestTokens.token("x"), "{}");
		assertThat(noPeer.statusCode()).isEqualTo(400);
	}

	@Test
	void closedPeerShouldBeAlreadyRemoved() {
		Room room = this.wire.createRoom();
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket socket = this.wire.registered(SignalingWire.register(worker, room));
		socket.close(1000);
		await().untilAsserted(() -> assertThat(
				this.wire.post("/delete-peer", TestTokens.token(worker), "{\"peer_id\":\"" + worker + "\"}").body())
			.contains("already removed"));
	}

}
