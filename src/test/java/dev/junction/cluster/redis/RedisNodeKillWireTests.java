package dev.junction.cluster.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.junction.JunctionApplication;
import dev.junction.support.ClusterNodes;
import dev.junction.support.RedisServerProcess;
import dev.junction.support.TestRedis;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that is a process of its own, killed with SIGKILL while its member is in a room
 * with members of another node: the survivor notices its heartbeat lapse and tells the
 * room {@code user_left} once.
 */
class RedisNodeKillWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TTL = Duration.ofSeconds(3);

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
	}

	@Test
	void killedNodesMemberShouldBeToldAsUserLeftOnce() throws IOException {
		TestRedis redis = TestRedis.connect();
		Map<String, Object> settings = Map.of("junction.cluster.heartbeat-ttl", TTL.toString(),
				"junction.protocols.rooms.grace-period", "60s");
		ClusterNodes survivors = ClusterNodes.redis(redis, settings);
		this.closing.add(survivors);
		int alicePort = survivors.port(survivors.start());
		int victimPort = RedisServerProcess.freePort();
		Process victim = startProcess(redis, settings, victimPort);
		this.closing.add(victim::destroyForcibly);
		TestWebSocket alice = TestWebSocket.connect(alicePort, "/ws");
		alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a1\",\"display_name\":\"Alice\"}}");
		String code = json.readTree(alice.nextText()).at("/payload/room_code").stringValue();
		TestWebSocket bob = await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.until(() -> TestWebSocket.connect(victimPort, "/ws"), (socket) -> true);
		bob.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code
				+ "\",\"user_id\":\"b1\",\"display_name\":\"Bob\"}}");
		assertThat(bob.nextText()).startsWith("{\"type\":\"room_joined\"");
		assertThat(alice.nextText()).contains("user_joined", "b1");
		victim.destroyForcibly();
		assertThat(alice.nextText()).isEqualTo("{\"type\":\"user_left\",\"payload\":{\"user_id\":\"b1\","
				+ "\"display_name\":\"Bob\",\"users\":[{\"user_id\":\"a1\",\"display_name\":\"Alice\"}]}}");
		// Reaped for good: the gone node has left the node set; only then the marker.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> redis.connection().sync().smembers(redis.prefix() + "nodes").size() == 1);
		TestWebSocket carol = TestWebSocket.connect(alicePort, "/ws");
		carol.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code
				+ "\",\"user_id\":\"c1\",\"display_name\":\"Carol\"}}");
		assertThat(carol.nextText()).startsWith("{\"type\":\"room_joined\"");
		assertThat(alice.nextText()).contains("user_joined", "c1");
	}

	private static Process startProcess(TestRedis redis, Map<String, Object> settings, int port) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), JunctionApplication.class.getName(),
						"--server.port=" + port, "--management.server.port=0", "--junction.cluster.mode=redis",
						"--spring.data.redis.url=" + redis.uri(), "--junction.cluster.key-prefix=" + redis.prefix()));
		settings.forEach((key, value) -> command.add("--" + key + "=" + value));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

}
