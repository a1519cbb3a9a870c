package dev.junction.protocol.signaling;

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

/**
 * A held {@code peer_id} is taken over only by its own subject in its own room; anyone
 * else gets {@code Peer ID already in use} and the holder stays.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = SignalingWire.SECRET_PROPERTY)
class SignalingTakeoverSecurityWireTests {

	static final String IN_USE = "{\"type\":\"error\",\"reason\":\"Peer ID already in use\"}";

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
	void registerWhenAnotherSubjectHoldsThePeerIdShouldReplyInUseAndKeepTheHolder() {
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket holder = this.wire.registered(SignalingWire.register(worker, this.room));
		ObjectNode steal = SignalingWire.register(worker, this.room);
		steal.put("id_token", TestTokens.token("mallory"));
		TestWebSocket thief = this.wire.connect();
		thief.send(steal.toString());
		assertThat(thief.nextText()).isEqualTo(IN_USE);
		// The refused connection stays open and unregistered.
		thief.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + worker + "\"}");
		assertThat(SignalingWire.read(thief).get("code").stringValue()).isEqualTo("NOT_IN_ROOM");
		thief.assertOpen();
		assertHolderStillReceives(holder, worker, this.room);
	}

	@Test
	void registerWhenTheSameSubjectHoldsThePeerIdInAnotherRoomShouldReplyInUseAndKeepTheHolder() {
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket holder = this.wire.registered(SignalingWire.register(worker, this.room));
		Room other = this.wire.createRoom();
		TestWebSocket elsewhere = this.wire.connect();
		elsewhere.send(SignalingWire.register(worker, other).toString());
		assertThat(elsewhere.nextText()).isEqualTo(IN_USE);
		elsewhere.assertOpen();
		assertHolderStillReceives(holder, worker, this.room);
	}

	@Test
	void registerWhenRefusedShouldKeepTheConnectionsOwnEarlierRegistration() {
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket holder = this.wire.registered(SignalingWire.register(worker, this.room));
		String mine = SignalingWire.newPeerId("Mallory");
		ObjectNode own = SignalingWire.register(mine, this.room);
		own.put("id_token", TestTokens.token("mallory"));
		TestWebSocket mallory = this.wire.registered(own);
		ObjectNode steal = SignalingWire.register(worker, this.room);
		steal.put("id_token", TestTokens.token("mallory"));
		mallory.send(steal.toString());
		assertThat(mallory.nextText()).isEqualTo(IN_USE);
		mallory.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + mine + "\"}");
		JsonNode found = SignalingWire.read(mallory);
		assertThat(found.get("type").stringValue()).isEqualTo("peer_list");
		assertThat(found.get("peers").get(0).get("peer_id").stringValue()).isEqualTo(worker);
		assertHolderStillReceives(holder, worker, this.room);
	}

	@Test
	void registerWhenTheSameSubjectHoldsThePeerIdInTheSameRoomShouldTakeItOver() {
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket older = this.wire.registered(SignalingWire.register(worker, this.room));
		TestWebSocket newer = this.wire.registered(SignalingWire.register(worker, this.room));
		assertThat(older.awaitClose().code()).isEqualTo(4409);
		assertHolderStillReceives(newer, worker, this.room);
	}

	private void assertHolderStillReceives(TestWebSocket holder, String peerId, Room room) {
		String client = SignalingWire.newPeerId("Client");
		TestWebSocket sender = this.wire.registered(SignalingWire.register(client, room));
		sender.send("{\"type\":\"peer_message\",\"from_peer_id\":\"" + client + "\",\"to_peer_id\":\"" + peerId
				+ "\",\"payload\":{\"n\":1}}");
		assertThat(SignalingWire.read(holder).get("payload").toString()).isEqualTo("{\"n\":1}");
		holder.assertOpen();
	}

}
