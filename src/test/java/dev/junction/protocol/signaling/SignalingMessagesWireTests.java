package dev.junction.protocol.signaling;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signaling's directed messages and refusals on the wire (see docs/signaling.md):
 * peer_message, legacy offer/answer/candidate, mesh messages, and the error replies. A
 * client's {@code ping} answered with {@code pong} proves that nothing was sent before
 * it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = SignalingWire.SECRET_PROPERTY)
class SignalingMessagesWireTests {

	private static final String PONG = "{\"type\":\"pong\"}";

	@LocalServerPort
	int port;

	private SignalingWire wire;

	private Room room;

	private String worker;

	private String client;

	private TestWebSocket workerSocket;

	private TestWebSocket clientSocket;

	@BeforeEach
	void registerTwoPeers() {
		this.wire = new SignalingWire(this.port);
		this.room = this.wire.createRoom();
		this.worker = SignalingWire.newPeerId("Worker");
		this.client = SignalingWire.newPeerId("Client");
		this.workerSocket = this.wire.registered(SignalingWire.register(this.worker, this.room));
		this.clientSocket = this.wire.registered(SignalingWire.register(this.client, this.room));
	}

	@Test
	void peerMessageShouldReachTheTargetWithFourKeysAndThePayloadUntouched() {
		String payload = "{\"app_message_type\":\"job_request\",\"price\":1.50,\"big\":12345678901234567890,"
				+ "\"nested\":{\"list\":[1,2.0,null,true]}}";
		this.clientSocket.send("{\"type\":\"peer_message\",\"extra\":1,\"from_peer_id\":\"" + this.client
				+ "\",\"to_peer_id\":\"" + this.worker + "\",\"payload\":" + payload + "}");
		assertThat(this.workerSocket.nextText()).isEqualTo("{\"type\":\"peer_message\",\"from_peer_id\":\""
				+ this.client + "\",\"to_peer_id\":\"" + this.worker + "\",\"payload\":" + payload + "}");
		assertNothingBefore(this.clientSocket);
	}

	@Test
	void peerMessageToOneselfShouldBeDeliveredToOneself() {
		this.clientSocket.send("{\"type\":\"peer_message\",\"from_peer_id\":\"" + this.client + "\",\"to_peer_id\":\""
				+ this.client + "\",\"payload\":{\"echo\":true}}");
		assertThat(SignalingWire.read(this.clientSocket).get("payload").toString()).isEqualTo("{\"echo\":true}");
	}

	@Test
	void peerMessageErrorsShouldHaveCodeAndMessage() {
		String prefix = "{\"type\":\"peer_message\",\"from_peer_id\":\"" + this.client + "\",";
		this.clientSocket.send(prefix + "\"to_peer_id\":\"" + this.worker + "\",\"payload\":{}}");
		assertThat(this.clientSocket.nextText()).isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_MESSAGE\","
				+ "\"message\":\"Missing required fields: from_peer_id, to_peer_id, payload\"}");
		this.clientSocket.send(prefix + "\"payload\":{\"a\":1}}");
		assertThat(this.clientSocket.nextText()).contains("INVALID_MESSAGE");
		this.clientSocket.send(prefix + "\"to_peer_id\":\"Nobody\",\"payload\":{\"a\":1}}");
		assertThat(this.clientSocket.nextText()).isEqualTo("{\"type\":\"error\",\"code\":\"PEER_NOT_IN_ROOM\","
				+ "\"message\":\"Target peer Nobody not in same room\"}");
		this.clientSocket.send("{\"type\":\"peer_message\",\"from_peer_id\":\"" + this.worker + "\",\"to_peer_id\":\""
				+ this.worker + "\",\"payload\":{\"a\":1}}");
		assertThat(this.clientSocket.nextText()).isEqualTo("{\"type\":\"error\",\"code\":\"SENDER_MISMATCH\","
				+ "\"message\":\"Messages must come from the registered peer\"}");
		TestWebSocket stranger = this.wire.connect();
		stranger.send(prefix + "\"to_peer_id\":\"" + this.worker + "\",\"payload\":{\"a\":1}}");
		assertThat(stranger.nextText())
			.isEqualTo("{\"type\":\"error\",\"code\":\"NOT_IN_ROOM\",\"message\":\"Sender not in any room\"}");
		assertNothingBefore(this.workerSocket);
	}

	@Test
	void peerMessageToAPeerInAnotherRoomShouldBeRefused() {
		Room other = this.wire.createRoom();
		String outsider = SignalingWire.newPeerId("Outsider");
		TestWebSocket outsiderSocket = this.wire.registered(SignalingWire.register(outsider, other));
		this.clientSocket.send("{\"type\":\"peer_message\",\"from_peer_id\":\"" + this.client + "\",\"to_peer_id\":\""
				+ outsider + "\",\"payload\":{\"a\":1}}");
		assertThat(this.clientSocket.nextText()).isEqualTo("{\"type\":\"error\",\"code\":\"PEER_NOT_IN_ROOM\","
				+ "\"message\":\"Target peer " + outsider + " not in same room\"}");
		assertNothingBefore(outsiderSocket);
	}

	@Test
	void registerFollowedAtOnceByOffersShouldDeliverThemInOrder() {
		String late = SignalingWire.newPeerId("Client");
		TestWebSocket socket = this.wire.connect();
		socket.send(SignalingWire.register(late, this.room).toString());
		String offer = "{\"type\":\"offer\",\"sender\":\"" + late + "\",\"target\":\"" + this.worker
				+ "\",\"sdp\":\"v=0 o=- 1\"}";
		String candidate = "{\"type\":\"candidate\",\"sender\":\"" + late + "\",\"target\":\"" + this.worker
				+ "\",\"candidate\":\"candidate:1 1 UDP\"}";
		socket.send(offer);
		socket.send(candidate);
		assertThat(SignalingWire.read(socket).get("type").stringValue()).isEqualTo("registered_auth");
		assertThat(this.workerSocket.nextText()).isEqualTo(offer);
		assertThat(this.workerSocket.nextText()).isEqualTo(candidate);
	}

	@Test
	void legacyMessagesShouldBeForwardedWholeAndFailSilently() {
		String answer = "{\"type\":\"answer\",\"sender\":\"" + this.worker + "\",\"target\":\"" + this.client
				+ "\",\"sdp\":\"v=0\",\"extra\":{\"kept\":[1]}}";
		this.workerSocket.send(answer);
		assertThat(this.clientSocket.nextText()).isEqualTo(answer);
		this.workerSocket.send("{\"type\":\"offer\",\"sender\":\"" + this.worker + "\",\"target\":\"Nobody\"}");
		this.workerSocket.send("{\"type\":\"offer\",\"target\":\"" + this.client + "\"}");
		this.workerSocket.send("{\"type\":\"candidate\",\"sender\":\"" + this.worker + "\"}");
		Room other = this.wire.createRoom();
		String outsider = SignalingWire.newPeerId("Outsider");
		TestWebSocket outsiderSocket = this.wire.registered(SignalingWire.register(outsider, other));
		this.workerSocket.send("{\"type\":\"offer\",\"sender\":\"" + this.worker + "\",\"target\":\"" + outsider
				+ "\",\"sdp\":\"v=0\"}");
		assertNothingBefore(this.workerSocket);
		assertNothingBefore(outsiderSocket);
		TestWebSocket stranger = this.wire.connect();
		stranger.send("{\"type\":\"offer\",\"sender\":\"x\",\"target\":\"" + this.client + "\"}");
		assertNothingBefore(stranger);
		this.workerSocket
			.send("{\"type\":\"offer\",\"sender\":\"" + this.client + "\",\"target\":\"" + this.client + "\"}");
		assertThat(this.workerSocket.nextText()).contains("SENDER_MISMATCH");
		assertNothingBefore(this.clientSocket);
	}

	@Test
	void meshMessagesShouldReachTheTargetRenamed() {
		String prefix = "{\"from_peer_id\":\"" + this.client + "\",\"target_peer_id\":\"" + this.worker + "\",";
		this.clientSocket.send(prefix + "\"type\":\"mesh_connect\",\"offer\":{\"sdp\":\"v=0\",\"type\":\"offer\"}}");
		assertThat(this.workerSocket.nextText()).isEqualTo("{\"type\":\"mesh_offer\",\"from_peer_id\":\"" + this.client
				+ "\",\"offer\":{\"sdp\":\"v=0\",\"type\":\"offer\"}}");
		this.clientSocket.send(prefix + "\"type\":\"mesh_answer\",\"answer\":{\"sdp\":\"v=1\"}}");
		assertThat(this.workerSocket.nextText()).isEqualTo(
				"{\"type\":\"mesh_answer\",\"from_peer_id\":\"" + this.client + "\",\"answer\":{\"sdp\":\"v=1\"}}");
		this.clientSocket.send(prefix + "\"type\":\"ice_candidate\",\"candidate\":{\"candidate\":\"c\"}}");
		assertThat(this.workerSocket.nextText()).isEqualTo("{\"type\":\"ice_candidate\",\"from_peer_id\":\""
				+ this.client + "\",\"candidate\":{\"candidate\":\"c\"}}");
		this.clientSocket.send(prefix + "\"type\":\"mesh_connect\"}");
		assertThat(this.clientSocket.nextText()).isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_MESSAGE\","
				+ "\"message\":\"Missing required fields: from_peer_id, target_peer_id, offer\"}");
		this.clientSocket.send("{\"type\":\"mesh_answer\",\"from_peer_id\":\"" + this.client
				+ "\",\"target_peer_id\":\"Nobody\",\"answer\":{\"sdp\":\"v=1\"}}");
		assertThat(this.clientSocket.nextText())
			.isEqualTo("{\"type\":\"error\",\"code\":\"PEER_NOT_FOUND\",\"message\":\"Target peer Nobody not found\"}");
	}

	@Test
	void invalidJsonAndUnknownTypesShouldGetErrorsAndKeepTheConnection() {
		TestWebSocket socket = this.wire.connect();
		String invalidJson = "{\"type\":\"error\",\"code\":\"INVALID_JSON\",\"message\":\"Invalid JSON format\"}";
		socket.send("{not json");
		assertThat(socket.nextText()).isEqualTo(invalidJson);
		socket.send("[1,2]");
		assertThat(socket.nextText()).isEqualTo(invalidJson);
		socket.send("{\"type\":\"fly\"}");
		assertThat(socket.nextText()).isEqualTo(
				"{\"type\":\"error\",\"code\":\"UNKNOWN_MESSAGE_TYPE\",\"message\":\"Unknown message type: fly\"}");
		socket.send("{\"peer_id\":\"x\"}");
		assertThat(socket.nextText()).isEqualTo(
				"{\"type\":\"error\",\"code\":\"UNKNOWN_MESSAGE_TYPE\",\"message\":\"Unknown message type: None\"}");
		socket.send("{\"type\":7}");
		assertThat(socket.nextText()).contains("Unknown message type: 7");
		socket.assertOpen();
	}

	@Test
	void disconnectShouldRemoveThePeerWithoutNotifyingAnyone() {
		this.workerSocket.close(1000);
		// The server handles the close right after answering it.
		await().untilAsserted(() -> {
			this.clientSocket.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + this.client + "\"}");
			assertThat(this.clientSocket.nextText())
				.isEqualTo("{\"type\":\"peer_list\",\"to_peer_id\":\"" + this.client + "\",\"peers\":[],\"count\":0}");
		});
		this.clientSocket.send("{\"type\":\"peer_message\",\"from_peer_id\":\"" + this.client + "\",\"to_peer_id\":\""
				+ this.worker + "\",\"payload\":{\"a\":1}}");
		assertThat(this.clientSocket.nextText()).contains("PEER_NOT_IN_ROOM");
		// The room id and token stay valid after the room emptied.
		this.clientSocket.close(1000);
		this.wire.registered(SignalingWire.register(SignalingWire.newPeerId("Again"), this.room));
	}

	@Test
	void updateMetadataShouldMergeAndKeepWhatWasNotSent() {
		TestWebSocket peer = this.wire.registered(SignalingWire.newPeerId("W"), this.room, "worker",
				"{\"tags\":[\"sleap-rtc\",\"gpu\"],\"properties\":{\"status\":\"available\",\"gpu\":2},\"name\":\"a\"}");
		ObjectNode update = SignalingWire.json.createObjectNode();
		String id = SignalingWire.read(peerDiscover(peer)).get("to_peer_id").stringValue();
		update.put("type", "update_metadata");
		update.put("peer_id", id);
		update.set("metadata", SignalingWire.json.readTree("{\"properties\":{\"status\":\"busy\"}}"));
		peer.send(update.toString());
		assertThat(peer.nextText()).isEqualTo("{\"type\":\"metadata_updated\",\"peer_id\":\"" + id + "\",\"metadata\":"
				+ "{\"tags\":[\"sleap-rtc\",\"gpu\"],\"properties\":{\"status\":\"busy\",\"gpu\":2},\"name\":\"a\"}}");
		update.set("metadata", SignalingWire.json.readTree("{\"tags\":[\"gpu\",\"new\"],\"name\":\"b\"}"));
		peer.send(update.toString());
		assertThat(SignalingWire.read(peer).get("metadata").toString()).isEqualTo(
				"{\"tags\":[\"sleap-rtc\",\"gpu\",\"new\"],\"properties\":{\"status\":\"busy\",\"gpu\":2},\"name\":\"b\"}");
		this.clientSocket.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + this.client
				+ "\",\"filters\":{\"tags\":[\"sleap-rtc\"],\"properties\":{\"status\":\"busy\"}}}");
		assertThat(SignalingWire.read(this.clientSocket).get("count").intValue()).isEqualTo(1);
	}

	@Test
	void updateMetadataErrorsShouldHaveCodeAndMessage() {
		String missing = "{\"type\":\"error\",\"code\":\"INVALID_MESSAGE\","
				+ "\"message\":\"Missing required fields: peer_id, metadata\"}";
		this.clientSocket.send("{\"type\":\"update_metadata\",\"peer_id\":\"" + this.client + "\"}");
		assertThat(this.clientSocket.nextText()).isEqualTo(missing);
		this.clientSocket.send("{\"type\":\"update_metadata\",\"peer_id\":\"" + this.client + "\",\"metadata\":{}}");
		assertThat(this.clientSocket.nextText()).isEqualTo(missing);
		this.clientSocket.send("{\"type\":\"update_metadata\",\"peer_id\":\"\",\"metadata\":{\"a\":1}}");
		assertThat(this.clientSocket.nextText()).isEqualTo(missing);
		this.clientSocket
			.send("{\"type\":\"update_metadata\",\"peer_id\":\"" + this.worker + "\",\"metadata\":{\"a\":1}}");
		assertThat(this.clientSocket.nextText()).contains("SENDER_MISMATCH");
		TestWebSocket stranger = this.wire.connect();
		stranger.send("{\"type\":\"update_metadata\",\"peer_id\":\"x\",\"metadata\":{\"a\":1}}");
		assertThat(stranger.nextText())
			.isEqualTo("{\"type\":\"error\",\"code\":\"NOT_IN_ROOM\",\"message\":\"Peer not in any room\"}");
	}

	private TestWebSocket peerDiscover(TestWebSocket peer) {
		peer.send("{\"type\":\"discover_peers\"}");
		return peer;
	}

	private static void assertNothingBefore(TestWebSocket socket) {
		socket.send("{\"type\":\"ping\"}");
		assertThat(socket.nextText()).isEqualTo(PONG);
	}

}
