package dev.junction.protocol.signaling;

import java.util.Map;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.ClusterNodes;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signaling with its peers spread over two nodes that share one cluster: rooms made on
 * one node are joined on the other, messages cross, a room has one admin, and a peer id
 * is taken over across nodes under the same rule as on this.one.
 */
@TestInstance(Lifecycle.PER_CLASS)
class SignalingClusterWireTests {

	private ClusterNodes cluster;

	private SignalingWire one;

	private SignalingWire two;

	@BeforeAll
	void start() {
		String[] secret = SignalingWire.SECRET_PROPERTY.split("=", 2);
		this.cluster = newCluster(Map.of(secret[0], secret[1]));
		this.one = new SignalingWire(this.cluster.port(this.cluster.start()));
		this.two = new SignalingWire(this.cluster.port(this.cluster.start()));
	}

	/**
	 * The cluster the nodes share.
	 */
	ClusterNodes newCluster(Map<String, Object> properties) {
		return ClusterNodes.inMemory(properties);
	}

	@AfterAll
	void stop() {
		this.cluster.close();
	}

	@Test
	void peersOnTwoNodesShouldSeeAndMessageEachOther() {
		Room room = this.one.createRoom();
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket workerSocket = this.one.registered(SignalingWire.register(worker, room));
		String client = SignalingWire.newPeerId("Client");
		ObjectNode register = SignalingWire.register(client, room);
		TestWebSocket clientSocket = this.two.connect();
		clientSocket.send(register.toString());
		JsonNode registered = SignalingWire.read(clientSocket);
		assertThat(registered.get("type").stringValue()).isEqualTo("registered_auth");
		assertThat(registered.get("peer_list").toString()).isEqualTo("[\"" + worker + "\"]");
		clientSocket.send("{\"type\":\"peer_message\",\"from_peer_id\":\"" + client + "\",\"to_peer_id\":\"" + worker
				+ "\",\"payload\":{\"n\":1}}");
		assertThat(SignalingWire.read(workerSocket).get("payload").toString()).isEqualTo("{\"n\":1}");
	}

	@Test
	void roomShouldHaveOneAdminAcrossNodes() {
		Room room = this.one.createRoom();
		String first = SignalingWire.newPeerId("Admin");
		ObjectNode admin = SignalingWire.register(first, room);
		admin.put("is_admin", true);
		this.one.registered(admin);
		ObjectNode second = SignalingWire.register(SignalingWire.newPeerId("Admin"), room);
		second.put("is_admin", true);
		TestWebSocket late = this.two.connect();
		late.send(second.toString());
		assertThat(late.nextText()).isEqualTo(
				"{\"type\":\"admin_conflict\",\"room_id\":\"" + room.id() + "\",\"current_admin\":\"" + first + "\"}");
	}

	@Test
	void sameSubjectInTheSameRoomShouldTakeThePeerIdOverFromAnotherNode() {
		Room room = this.one.createRoom();
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket older = this.one.registered(SignalingWire.register(worker, room));
		TestWebSocket newer = this.two.registered(SignalingWire.register(worker, room));
		assertThat(older.awaitClose().code()).isEqualTo(4409);
		String client = SignalingWire.newPeerId("Client");
		TestWebSocket sender = this.one.registered(SignalingWire.register(client, room));
		sender.send("{\"type\":\"peer_message\",\"from_peer_id\":\"" + client + "\",\"to_peer_id\":\"" + worker
				+ "\",\"payload\":{\"n\":2}}");
		assertThat(SignalingWire.read(newer).get("payload").toString()).isEqualTo("{\"n\":2}");
		newer.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + worker + "\"}");
		JsonNode found = SignalingWire.read(newer);
		assertThat(found.get("peers").findValuesAsString("peer_id")).containsExactly(client);
	}

	@Test
	void anotherSubjectShouldNotTakeThePeerIdOverFromAnotherNode() {
		Room room = this.one.createRoom();
		String worker = SignalingWire.newPeerId("Worker");
		TestWebSocket holder = this.one.registered(SignalingWire.register(worker, room));
		ObjectNode steal = SignalingWire.register(worker, room);
		steal.put("id_token", TestTokens.token("mallory"));
		TestWebSocket thief = this.two.connect();
		thief.send(steal.toString());
		assertThat(thief.nextText()).isEqualTo(SignalingTakeoverSecurityWireTests.IN_USE);
		holder.assertOpen();
	}

}
