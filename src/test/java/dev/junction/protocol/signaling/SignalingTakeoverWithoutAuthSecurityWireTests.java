package dev.junction.protocol.signaling;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code auth: none} no peer has a subject: a held {@code peer_id} is taken over
 * only from within its own room.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { SignalingWire.SECRET_PROPERTY, "junction.protocols.signaling.auth=none" })
class SignalingTakeoverWithoutAuthSecurityWireTests {

	@LocalServerPort
	int port;

	@Test
	void registerWithoutAuthWhenThePeerIdIsHeldInTheSameRoomShouldTakeItOver() {
		SignalingWire wire = new SignalingWire(this.port);
		Room room = wire.createRoom();
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket older = wire.registered(SignalingWire.register(worker, room));
		wire.registered(SignalingWire.register(worker, room));
		assertThat(older.awaitClose().code()).isEqualTo(4409);
	}

	@Test
	void registerWithoutAuthWhenThePeerIdIsHeldInAnotherRoomShouldReplyInUseAndKeepTheHolder() {
		SignalingWire wire = new SignalingWire(this.port);
		Room room = wire.createRoom();
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket holder = wire.registered(SignalingWire.register(worker, room));
		TestWebSocket elsewhere = wire.connect();
		elsewhere.send(SignalingWire.register(worker, wire.createRoom()).toString());
		assertThat(elsewhere.nextText()).isEqualTo(SignalingTakeoverSecurityWireTests.IN_USE);
		holder.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + worker + "\"}");
		assertThat(SignalingWire.read(holder).get("type").stringValue()).isEqualTo("peer_list");
		holder.assertOpen();
	}

}
