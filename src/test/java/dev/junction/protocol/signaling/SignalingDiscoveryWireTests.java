package dev.junction.protocol.signaling;

import java.util.ArrayList;
import java.util.List;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code discover_peers} on the wire: the {@code peer_list} shape and every filter,
 * against three workers with different metadata and a client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = SignalingWire.SECRET_PROPERTY)
class SignalingDiscoveryWireTests {

	@LocalServerPort
	int port;

	private SignalingWire wire;

	private String big;

	private String small;

	private String bare;

	private String client;

	private TestWebSocket clientSocket;

	@BeforeEach
	void registerPeers() {
		this.wire = new SignalingWire(this.port);
		Room room = this.wire.createRoom();
		this.big = SignalingWire.newPeerId("Big");
		this.small = SignalingWire.newPeerId("Small");
		this.bare = SignalingWire.newPeerId("Bare");
		this.client = SignalingWire.newPeerId("Client");
		this.wire.registered(this.big, room, "worker", "{\"tags\":[\"sleap-rtc\",\"training-worker\"],"
				+ "\"properties\":{\"gpu_memory_mb\":16384,\"status\":\"available\",\"version\":\"1.3.0\"}}");
		this.wire.registered(this.small, room, "worker", "{\"tags\":[\"inference-worker\"],"
				+ "\"properties\":{\"gpu_memory_mb\":4096.0,\"status\":\"busy\",\"version\":\"1.2.0\"}}");
		this.wire.registered(this.bare, room, "worker", "{}");
		this.clientSocket = this.wire.registered(this.client, room, "client", "{\"tags\":[\"sleap-rtc\"]}");
	}

	@Test
	void discoverShouldListThePeersOfTheRoomInRegistrationOrderWithoutTheSender() {
		JsonNode list = discover("{}");
		assertThat(list.propertyNames()).containsExactly("type", "to_peer_id", "peers", "count");
		assertThat(list.get("type").stringValue()).isEqualTo("peer_list");
		assertThat(list.get("to_peer_id").stringValue()).isEqualTo(this.client);
		assertThat(list.get("count").intValue()).isEqualTo(3);
		JsonNode first = list.get("peers").get(0);
		assertThat(first.propertyNames()).containsExactly("peer_id", "role", "metadata", "connected_at");
		assertThat(first.get("role").stringValue()).isEqualTo("worker");
		assertThat(first.get("metadata").get("properties").get("gpu_memory_mb").intValue()).isEqualTo(16384);
		assertThat(first.get("connected_at").isFloatingPointNumber()).isTrue();
		assertThat(first.get("connected_at").doubleValue()).isCloseTo(System.currentTimeMillis() / 1000.0,
				org.assertj.core.data.Offset.offset(120.0));
		assertThat(ids(list)).containsExactly(this.big, this.small, this.bare);
		assertThat(ids(discoverWithoutFilters())).containsExactly(this.big, this.small, this.bare);
	}

	@Test
	void roleAndTagFiltersShouldSelect() {
		assertThat(ids(discover("{\"role\":\"worker\",\"room_id\":\"ignored\"}"))).containsExactly(this.big, this.small,
				this.bare);
		assertThat(ids(discover("{\"role\":\"client\"}"))).isEmpty();
		assertThat(ids(discover("{\"tags\":[\"inference-worker\",\"sleap-rtc\"]}"))).containsExactly(this.big,
				this.small);
		assertThat(ids(discover("{\"tags\":[]}"))).isEmpty();
	}

	@Test
	void propertyFiltersShouldSelectWithEveryOperator() {
		assertThat(ids(discover("{\"properties\":{\"status\":\"available\"}}"))).containsExactly(this.big);
		assertThat(ids(discover("{\"properties\":{\"gpu_memory_mb\":4096}}"))).containsExactly(this.small);
		assertThat(ids(discover("{\"properties\":{\"gpu_memory_mb\":{\"$eq\":16384.0}}}"))).containsExactly(this.big);
		assertThat(ids(discover("{\"properties\":{\"status\":{\"$ne\":\"busy\"}}}"))).containsExactly(this.big,
				this.bare);
		assertThat(ids(discover("{\"properties\":{\"gpu_memory_mb\":{\"$gt\":4096}}}"))).containsExactly(this.big);
		assertThat(ids(discover("{\"properties\":{\"gpu_memory_mb\":{\"$gte\":4096}}}"))).containsExactly(this.big,
				this.small);
		assertThat(ids(discover("{\"properties\":{\"gpu_memory_mb\":{\"$lt\":16384}}}"))).containsExactly(this.small);
		assertThat(ids(discover("{\"properties\":{\"gpu_memory_mb\":{\"$lte\":16384}}}"))).containsExactly(this.big,
				this.small);
		assertThat(ids(discover("{\"properties\":{\"version\":{\"$gte\":\"1.3\"}}}"))).containsExactly(this.big);
		assertThat(ids(discover("{\"properties\":{\"status\":{\"$in\":[\"busy\",\"offline\"]}}}")))
			.containsExactly(this.small);
		assertThat(ids(discover("{\"properties\":{\"status\":{\"$exists\":true}}}"))).containsExactly(this.big,
				this.small);
		assertThat(ids(discover("{\"properties\":{\"status\":{\"$exists\":false}}}"))).containsExactly(this.bare);
	}

	@Test
	void missingPropertiesAndOtherTypesShouldNotMatchNorFail() {
		assertThat(ids(discover("{\"properties\":{\"gpu_memory_mb\":{\"$gte\":\"8192\"}}}"))).isEmpty();
		assertThat(ids(discover("{\"properties\":{\"cores\":{\"$gte\":1}}}"))).isEmpty();
		assertThat(ids(discover("{\"properties\":{\"cores\":null}}"))).containsExactly(this.big, this.small, this.bare);
		this.clientSocket.assertOpen();
	}

	@Test
	void unknownOperatorShouldReplyInvalidFilter() {
		this.clientSocket.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + this.client
				+ "\",\"filters\":{\"properties\":{\"gpu_memory_mb\":{\"$xyz\":1}}}}");
		assertThat(this.clientSocket.nextText())
			.isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_FILTER\",\"message\":\"Unknown operator: $xyz\"}");
		this.clientSocket.assertOpen();
	}

	@Test
	void discoverAsAnotherPeerOrUnregisteredShouldBeRefused() {
		this.clientSocket.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + this.big + "\"}");
		assertThat(this.clientSocket.nextText()).contains("SENDER_MISMATCH");
		TestWebSocket stranger = this.wire.connect();
		stranger.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"x\"}");
		assertThat(stranger.nextText()).contains("NOT_IN_ROOM");
	}

	private JsonNode discover(String filters) {
		this.clientSocket
			.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + this.client + "\",\"filters\":" + filters + "}");
		JsonNode reply = SignalingWire.read(this.clientSocket);
		assertThat(reply.get("type").stringValue()).as(reply.toString()).isEqualTo("peer_list");
		return reply;
	}

	private JsonNode discoverWithoutFilters() {
		this.clientSocket.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + this.client + "\"}");
		return SignalingWire.read(this.clientSocket);
	}

	private static List<String> ids(JsonNode list) {
		List<String> ids = new ArrayList<>();
		list.get("peers").values().forEach((peer) -> ids.add(peer.get("peer_id").stringValue()));
		assertThat(list.get("count").intValue()).isEqualTo(ids.size());
		return ids;
	}

}
