package dev.junction.protocol.signaling;

import java.util.List;
import java.util.Map;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.RawWebSocket;
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

/**
 * Signaling {@code register} on the wire (docs/signaling.md): the reply's shape, every
 * failure in the contract's order, takeover and admin election.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = SignalingWire.SECRET_PROPERTY)
class SignalingRegisterWireTests {

	@LocalServerPort
	int port;

	private SignalingWire wire;

	private Room room;

	@BeforeEach
	void createRoom() {
		this.wire = new SignalingWire(this.port);
		this.room = this.wire.createRoom();
	}

	@Test
	void registerShouldReplyRegisteredAuthWithKeysInContractOrder() {
		String worker = SignalingWire.newPeerId("Worker");
		ObjectNode register = SignalingWire.register(worker, this.room);
		register.put("role", "worker");
		register.set("metadata", SignalingWire.json.readTree("{\"tags\":[\"sleap-rtc\"],\"properties\":{\"gpu\":1}}"));
		TestWebSocket first = this.wire.connect();
		first.send(register.toString());
		assertThat(first.nextText()).isEqualTo("{\"type\":\"registered_auth\",\"room_id\":\"" + this.room.id()
				+ "\",\"token\":\"" + this.room.token() + "\",\"peer_id\":\"" + worker
				+ "\",\"peer_list\":[],\"peer_metadata\":{},\"admin_peer_id\":null,\"ice_servers\":[]}");
		String client = SignalingWire.newPeerId("Client");
		TestWebSocket second = this.wire.connect();
		second.send(SignalingWire.register(client, this.room).toString());
		assertThat(second.nextText()).isEqualTo("{\"type\":\"registered_auth\",\"room_id\":\"" + this.room.id()
				+ "\",\"token\":\"" + this.room.token() + "\",\"peer_id\":\"" + client + "\",\"peer_list\":[\"" + worker
				+ "\"],\"peer_metadata\":{\"" + worker
				+ "\":{\"tags\":[\"sleap-rtc\"],\"properties\":{\"gpu\":1}}},\"admin_peer_id\":null,\"ice_servers\":[]}");
		// Nobody is told about a newcomer.
		first.send("{\"type\":\"ping\"}");
		assertThat(first.nextText()).isEqualTo("{\"type\":\"pong\"}");
	}

	@Test
	void registerWithMissingFieldsShouldReplyMissingRequiredFields() {
		TestWebSocket client = this.wire.connect();
		String missing = "{\"type\":\"error\",\"reason\":\"Missing required fields during registration.\"}";
		for (String field : List.of("peer_id", "room_id", "token", "id_token")) {
			ObjectNode register = SignalingWire.register(SignalingWire.newPeerId("Peer"), this.room);
			register.remove(field);
			client.send(register.toString());
			assertThat(client.nextText()).as(field).isEqualTo(missing);
			register.putNull(field);
			client.send(register.toString());
			assertThat(client.nextText()).as(field).isEqualTo(missing);
			register.put(field, "");
			client.send(register.toString());
			assertThat(client.nextText()).as(field).isEqualTo(missing);
			register.put(field, 42);
			client.send(register.toString());
			assertThat(client.nextText()).as(field).isEqualTo(missing);
		}
		client.assertOpen();
	}

	@Test
	void registerWithJwtInsteadOfIdTokenShouldRegister() {
		String peer = SignalingWire.newPeerId("Peer");
		ObjectNode register = SignalingWire.register(peer, this.room);
		register.set("jwt", register.remove("id_token"));
		this.wire.registered(register);
	}

	@Test
	void registerWithInvalidUserTokenShouldReplyInvalidTokenWithTypeErrorAndReason() {
		TestWebSocket client = this.wire.connect();
		ObjectNode register = SignalingWire.register(SignalingWire.newPeerId("Peer"), this.room);
		register.put("id_token", "not-a-jwt");
		client.send(register.toString());
		String invalid = "{\"type\":\"error\",\"error\":\"Invalid token\",\"reason\":\"Invalid token\"}";
		assertThat(client.nextText()).isEqualTo(invalid);
		register.put("id_token",
				TestTokens.builder("someone")
					.expiration(java.util.Date.from(java.time.Instant.now().minusSeconds(3600)))
					.signWith(TestTokens.KEY)
					.compact());
		client.send(register.toString());
		assertThat(client.nextText()).isEqualTo(invalid);
		client.assertOpen();
	}

	@Test
	void registerWithoutRoomShouldReplyRoomNotFound() {
		TestWebSocket client = this.wire.connect();
		client.send(SignalingWire.register("Peer-x", new Room("00000000", this.room.token())).toString());
		assertThat(client.nextText()).isEqualTo("{\"type\":\"error\",\"reason\":\"Room not found\"}");
	}

	@Test
	void registerWithWrongRoomTokenShouldReplyInvalidToken() {
		TestWebSocket client = this.wire.connect();
		client.send(SignalingWire.register("Peer-y", new Room(this.room.id(), "ffffff0")).toString());
		assertThat(client.nextText()).isEqualTo("{\"type\":\"error\",\"reason\":\"Invalid token\"}");
	}

	@Test
	void registerWithRoleOutsideTheTokensRoleClaimShouldReplyRoleNotAllowed() {
		TestWebSocket client = this.wire.connect();
		String peer = SignalingWire.newPeerId("Peer");
		ObjectNode register = SignalingWire.register(peer, this.room);
		register.put("role", "worker");
		register.put("id_token", TestTokens.token(peer, Map.of("role", "client")));
		client.send(register.toString());
		assertThat(client.nextText()).isEqualTo("{\"type\":\"error\",\"reason\":\"Role not allowed\"}");
		register.put("id_token", TestTokens.token(peer, Map.of("role", List.of("client", "worker"))));
		client.send(register.toString());
		assertThat(SignalingWire.read(client).get("type").stringValue()).isEqualTo("registered_auth");
	}

	@Test
	void registerChecksShouldApplyInContractOrder() {
		TestWebSocket client = this.wire.connect();
		ObjectNode register = SignalingWire.register("Peer-z", new Room("00000000", "ffffff"));
		register.put("id_token", "bad");
		register.put("role", "worker");
		register.remove("peer_id");
		client.send(register.toString());
		assertThat(client.nextText()).contains("Missing required fields during registration.");
		register.put("peer_id", "Peer-z");
		client.send(register.toString());
		assertThat(client.nextText()).contains("\"error\":\"Invalid token\"");
		register.put("id_token", TestTokens.token("Peer-z", Map.of("role", "client")));
		client.send(register.toString());
		assertThat(client.nextText()).contains("Room not found");
		register.put("room_id", this.room.id());
		client.send(register.toString());
		assertThat(client.nextText()).isEqualTo("{\"type\":\"error\",\"reason\":\"Invalid token\"}");
		register.put("token", this.room.token());
		client.send(register.toString());
		assertThat(client.nextText()).contains("Role not allowed");
	}

	@Test
	void failedRegistrationShouldNotEvictTheHolderOfThePeerId() {
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket holder = this.wire.registered(SignalingWire.register(worker, this.room));
		TestWebSocket impostor = this.wire.connect();
		impostor.send(SignalingWire.register(worker, new Room(this.room.id(), "000000")).toString());
		assertThat(impostor.nextText()).contains("Invalid token");
		impostor.close(1000);
		String client = SignalingWire.newPeerId("Client");
		TestWebSocket sender = this.wire.registered(SignalingWire.register(client, this.room));
		sender.send("{\"type\":\"peer_message\",\"from_peer_id\":\"" + client + "\",\"to_peer_id\":\"" + worker
				+ "\",\"payload\":{\"n\":1}}");
		assertThat(SignalingWire.read(holder).get("payload").toString()).isEqualTo("{\"n\":1}");
		holder.assertOpen();
	}

	@Test
	void registeringAHeldPeerIdShouldCloseTheOlderConnectionWith4409() {
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket older = this.wire.registered(SignalingWire.register(worker, this.room));
		TestWebSocket newer = this.wire.registered(SignalingWire.register(worker, this.room));
		TestWebSocket.Closed closed = older.awaitClose();
		assertThat(closed.code()).isEqualTo(4409);
		assertThat(closed.reason()).isEqualTo("replaced by a newer registration");
		// The older connection's close came after the takeover and removed nothing.
		String client = SignalingWire.newPeerId("Client");
		TestWebSocket sender = this.wire.registered(SignalingWire.register(client, this.room));
		sender.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + client + "\"}");
		JsonNode peers = SignalingWire.read(sender);
		assertThat(peers.get("count").intValue()).isEqualTo(1);
		assertThat(peers.get("peers").get(0).get("peer_id").stringValue()).isEqualTo(worker);
		sender.send("{\"type\":\"peer_message\",\"from_peer_id\":\"" + client + "\",\"to_peer_id\":\"" + worker
				+ "\",\"payload\":{\"to\":\"newer\"}}");
		assertThat(SignalingWire.read(newer).get("payload").get("to").stringValue()).isEqualTo("newer");
	}

	@Test
	void isAdminShouldElectTheFirstAndSendAdminConflictBeforeRegisteredAuthToLaterOnes() {
		String first = SignalingWire.newPeerId("Admin");
		ObjectNode register = SignalingWire.register(first, this.room);
		register.put("is_admin", true);
		TestWebSocket admin = this.wire.connect();
		admin.send(register.toString());
		assertThat(SignalingWire.read(admin).get("admin_peer_id").stringValue()).isEqualTo(first);
		String second = SignalingWire.newPeerId("Admin");
		ObjectNode contender = SignalingWire.register(second, this.room);
		contender.put("is_admin", true);
		TestWebSocket other = this.wire.connect();
		other.send(contender.toString());
		assertThat(other.nextText()).isEqualTo("{\"type\":\"admin_conflict\",\"room_id\":\"" + this.room.id()
				+ "\",\"current_admin\":\"" + first + "\"}");
		JsonNode registered = SignalingWire.read(other);
		assertThat(registered.get("type").stringValue()).isEqualTo("registered_auth");
		assertThat(registered.get("admin_peer_id").stringValue()).isEqualTo(first);
	}

	@Test
	void registeringAgainOnTheSameConnectionShouldReplaceRoleAndMetadataAndMayMoveRooms() {
		String peer = SignalingWire.newPeerId("Peer");
		TestWebSocket client = this.wire.registered(peer, this.room, "worker", "{\"tags\":[\"a\"]}");
		String watcher = SignalingWire.newPeerId("Watcher");
		TestWebSocket observer = this.wire.registered(SignalingWire.register(watcher, this.room));
		ObjectNode again = SignalingWire.register(peer, this.room);
		again.put("role", "client");
		client.send(again.toString());
		assertThat(SignalingWire.read(client).get("peer_list").toString()).isEqualTo("[\"" + watcher + "\"]");
		observer.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + watcher + "\"}");
		JsonNode found = SignalingWire.read(observer).get("peers").get(0);
		assertThat(found.get("role").stringValue()).isEqualTo("client");
		assertThat(found.get("metadata").toString()).isEqualTo("{}");
		Room other = this.wire.createRoom();
		client.send(SignalingWire.register(peer, other).toString());
		assertThat(SignalingWire.read(client).get("room_id").stringValue()).isEqualTo(other.id());
		observer.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + watcher + "\"}");
		assertThat(SignalingWire.read(observer).get("count").intValue()).isZero();
	}

	@Test
	void handshakeTokenShouldStillBeVerifiedAtTheUpgrade() throws Exception {
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/signaling?token=bad")) {
			assertThat(refused.status()).isEqualTo(401);
		}
		try (RawWebSocket accepted = RawWebSocket.upgrade(this.port, "/signaling")) {
			assertThat(accepted.status()).isEqualTo(101);
		}
	}

}
