package dev.junction.protocol.rooms;

import java.time.Duration;
import java.util.Map;

import dev.junction.support.ClusterNodes;
import dev.junction.support.TestWebSocket;
import dev.junction.channel.NodeReaper;
import dev.junction.core.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms protocol with its members spread over two nodes that share one this.cluster.
 */
class RoomsClusterWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private ClusterNodes cluster;

	@BeforeEach
	void start() {
		this.cluster = newCluster(Map.of("junction.protocols.rooms.grace-period", "60s",
				"junction.protocols.rooms.failed-join-limit", "1000"));
		this.cluster.start();
		this.cluster.start();
	}

	/**
	 * The cluster the nodes share.
	 */
	ClusterNodes newCluster(Map<String, Object> properties) {
		return ClusterNodes.inMemory(properties);
	}

	@AfterEach
	void stop() {
		this.cluster.close();
	}

	@Test
	void memberOfAGoneNodeShouldBeToldAsUserLeftOnce() {
		TestWebSocket alice = TestWebSocket.connect(this.cluster.port(0), "/ws");
		String code = create(alice, "a1", "Alice");
		TestWebSocket bob = TestWebSocket.connect(this.cluster.port(1), "/ws");
		join(bob, code, "b1", "Bob");
		alice.nextText();
		Long reaped = this.cluster.bean(0, NodeReaper.class).reap(this.cluster.bean(1, NodeId.class)).block(TIMEOUT);
		assertThat(reaped).isEqualTo(1);
		assertThat(alice.nextText()).isEqualTo(
				"{\"type\":\"user_left\",\"payload\":{\"user_id\":\"b1\",\"display_name\":\"Bob\",\"users\":[{\"user_id\":\"a1\",\"display_name\":\"Alice\"}]}}");
		assertThat(this.cluster.bean(0, NodeReaper.class).reap(this.cluster.bean(1, NodeId.class)).block(TIMEOUT))
			.isZero();
	}

	@Test
	void roomWhoseNodeStopsShouldBeFoundThroughTheOtherNode() {
		TestWebSocket alice = TestWebSocket.connect(this.cluster.port(0), "/ws");
		String code = create(alice, "a1", "Alice");
		this.cluster.stop(0);
		assertThat(alice.awaitClose().code()).isEqualTo(1012);
		TestWebSocket again = TestWebSocket.connect(this.cluster.port(1), "/ws");
		join(again, code, "a1", "Alice");
	}

	@Test
	void roomOfAGoneNodeShouldKeepItsCodeForTheGracePeriod() {
		TestWebSocket alice = TestWebSocket.connect(this.cluster.port(0), "/ws");
		String code = create(alice, "a1", "Alice");
		this.cluster.bean(1, NodeReaper.class).reap(this.cluster.bean(0, NodeId.class)).block(TIMEOUT);
		TestWebSocket bob = TestWebSocket.connect(this.cluster.port(1), "/ws");
		join(bob, code, "b1", "Bob");
	}

	private String create(TestWebSocket socket, String userId, String name) {
		socket.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"" + userId + "\",\"display_name\":\"" + name
				+ "\"}}");
		return json.readTree(socket.nextText()).at("/payload/room_code").stringValue();
	}

	private void join(TestWebSocket socket, String code, String userId, String name) {
		socket.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\",\"user_id\":\"" + userId
				+ "\",\"display_name\":\"" + name + "\"}}");
		assertThat(socket.nextText()).startsWith("{\"type\":\"room_joined\",\"payload\":{\"room_code\":\"" + code);
	}

	@Test
	void membersOnTwoNodesShouldSeeEachOtherAndRelay() {
		TestWebSocket alice = TestWebSocket.connect(this.cluster.port(0), "/ws");
		alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a1\",\"display_name\":\"Alice\"}}");
		String code = json.readTree(alice.nextText()).at("/payload/room_code").stringValue();
		TestWebSocket bob = TestWebSocket.connect(this.cluster.port(1), "/ws");
		bob.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code
				+ "\",\"user_id\":\"b1\",\"display_name\":\"Bob\"}}");
		String users = "[{\"user_id\":\"a1\",\"display_name\":\"Alice\"},{\"user_id\":\"b1\",\"display_name\":\"Bob\"}]";
		assertThat(bob.nextText()).isEqualTo(
				"{\"type\":\"room_joined\",\"payload\":{\"room_code\":\"" + code + "\",\"users\":" + users + "}}");
		assertThat(alice.nextText())
			.isEqualTo("{\"type\":\"user_joined\",\"payload\":{\"user_id\":\"b1\",\"display_name\":\"Bob\",\"users\":"
					+ users + "}}");
		alice.send("{\"type\":\"chat\",\"text\":\"hi\"}");
		assertThat(bob.nextText())
			.isEqualTo("{\"type\":\"chat\",\"text\":\"hi\",\"sender_id\":\"a1\",\"sender_name\":\"Alice\"}");
		bob.send("{\"type\":\"chat\",\"text\":\"yo\"}");
		assertThat(alice.nextText())
			.isEqualTo("{\"type\":\"chat\",\"text\":\"yo\",\"sender_id\":\"b1\",\"sender_name\":\"Bob\"}");
		bob.close(1000);
		assertThat(alice.nextText()).isEqualTo(
				"{\"type\":\"user_left\",\"payload\":{\"user_id\":\"b1\",\"display_name\":\"Bob\",\"users\":[{\"user_id\":\"a1\",\"display_name\":\"Alice\"}]}}");
	}

}
