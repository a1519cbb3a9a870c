package dev.junction.protocol.signaling;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Legacy signaling clients on the bare host {@code /}: a first frame {@code register}
 * picks signaling, whose token comes in that frame even while topics requires a handshake
 * token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { SignalingWire.SECRET_PROPERTY, "junction.protocols.topics.auth=required" })
class SignalingRootWireTests {

	@LocalServerPort
	int port;

	@Test
	void registerAsFirstFrameOnTheBareHostShouldSpeakSignaling() {
		SignalingWire wire = new SignalingWire(this.port);
		Room room = wire.createRoom();
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket workerSocket = wire.registered(SignalingWire.register(worker, room));
		String client = SignalingWire.newPeerId("Client");
		TestWebSocket legacy = TestWebSocket.connect(this.port, "/");
		legacy.send(SignalingWire.register(client, room).toString());
		String offer = "{\"type\":\"offer\",\"sender\":\"" + client + "\",\"target\":\"" + worker
				+ "\",\"sdp\":\"v=0\"}";
		legacy.send(offer);
		assertThat(SignalingWire.read(legacy).get("peer_list").toString()).isEqualTo("[\"" + worker + "\"]");
		assertThat(workerSocket.nextText()).isEqualTo(offer);
		legacy.send("{\"type\":\"bogus\"}");
		assertThat(legacy.nextText()).contains("UNKNOWN_MESSAGE_TYPE");
	}

	@Test
	void badUserTokenOnTheBareHostShouldGetTheSignalingError() {
		SignalingWire wire = new SignalingWire(this.port);
		TestWebSocket legacy = TestWebSocket.connect(this.port, "/");
		legacy.send(SignalingWire.register("Peer-root", wire.createRoom()).put("id_token", "bad").toString());
		assertThat(legacy.nextText())
			.isEqualTo("{\"type\":\"error\",\"error\":\"Invalid token\",\"reason\":\"Invalid token\"}");
		legacy.assertOpen();
	}

}
