package dev.junction.cluster.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.junction.JunctionApplication;
import dev.junction.core.NodeId;
import dev.junction.support.ClusterNodes;
import dev.junction.support.RedisServerProcess;
import dev.junction.support.RoomsMember;
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
 * room {@code user_left} once. With messages flowing meanwhile, the same holds for each
 * of its members and for a topics peer ({@code peer-left}), and the survivors keep
 * talking.
 */
class RedisNodeKillWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TTL = Duration.ofSeconds(3);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

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

	@Test
	void killedNodesMembersAndPeersShouldBeToldAsLeftOnceWhileTrafficFlows() throws IOException {
		TestRedis redis = TestRedis.connect();
		Map<String, Object> settings = Map.of("junction.cluster.heartbeat-ttl", TTL.toString(),
				"junction.protocols.rooms.grace-period", "60s");
		ClusterNodes survivors = ClusterNodes.redis(redis, settings);
		this.closing.add(survivors);
		int victimPort = RedisServerProcess.freePort();
		Process victim = startProcess(redis, settings, victimPort);
		this.closing.add(victim::destroyForcibly);
		int alicePort = survivors.port(survivors.start());
		int bobPort = survivors.port(survivors.start());
		ExecutorService reconnecting = Executors.newSingleThreadExecutor();
		this.closing.add(reconnecting::shutdownNow);
		ScheduledExecutorService talking = Executors.newSingleThreadScheduledExecutor();
		this.closing.add(talking::shutdownNow);
		RoomsMember alice = new RoomsMember("a1", null, reconnecting);
		String code = alice.create(alicePort);
		RoomsMember bob = new RoomsMember("b1", null, reconnecting);
		bob.join(bobPort, code);
		List<RoomsMember> doomed = List.of(new RoomsMember("v1", null, reconnecting),
				new RoomsMember("v2", null, reconnecting));
		for (RoomsMember member : doomed) {
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
				member.join(victimPort, code);
				return true;
			});
		}
		TestWebSocket peerA = TestWebSocket.connect(alicePort, "/topics");
		peerA.send("{\"type\":\"join\",\"topic\":\"kill\",\"peerId\":\"peer-a\"}");
		TestWebSocket peerV = TestWebSocket.connect(victimPort, "/topics");
		peerV.send("{\"type\":\"join\",\"topic\":\"kill\",\"peerId\":\"peer-v\"}");
		assertThat(peerA.nextText()).isEqualTo("{\"type\":\"peer-joined\",\"peerId\":\"peer-v\",\"topic\":\"kill\"}");
		List<RoomsMember> everyone = List.of(alice, bob, doomed.get(0), doomed.get(1));
		talking.scheduleAtFixedRate(() -> everyone.forEach(RoomsMember::talk), 0, 20, TimeUnit.MILLISECONDS);
		for (RoomsMember survivor : List.of(alice, bob)) {
			for (RoomsMember member : doomed) {
				await().atMost(TIMEOUT).until(() -> survivor.count(chatFrom(member)) > 0);
			}
		}
		String victimNode = redis.connection()
			.sync()
			.smembers(redis.prefix() + "nodes")
			.stream()
			.filter((node) -> !node.equals(survivors.bean(0, NodeId.class).value())
					&& !node.equals(survivors.bean(1, NodeId.class).value()))
			.findFirst()
			.orElseThrow();

		victim.destroyForcibly();
		for (RoomsMember survivor : List.of(alice, bob)) {
			for (RoomsMember member : doomed) {
				await().atMost(TIMEOUT).until(() -> survivor.count(leftBy(member)) > 0);
			}
		}
		assertThat(peerA.nextText()).isEqualTo("{\"type\":\"peer-left\",\"peerId\":\"peer-v\",\"topic\":\"kill\"}");
		// Reaped for good, and the reaping claim has lapsed: a second reaping of the
		// same node could only come after this.
		await().atMost(TIMEOUT)
			.until(() -> redis.connection().sync().smembers(redis.prefix() + "nodes").size() == 2
					&& redis.connection().sync().exists(redis.prefix() + "reaping:" + victimNode) == 0);
		// A heartbeat TTL's worth of traffic more (one message each 20 ms), still
		// flowing both ways between the survivors' nodes.
		long more = TTL.toMillis() / 20;
		long aliceHeard = alice.count(chatFrom(bob));
		long bobHeard = bob.count(chatFrom(alice));
		await().atMost(TIMEOUT)
			.until(() -> alice.count(chatFrom(bob)) >= aliceHeard + more
					&& bob.count(chatFrom(alice)) >= bobHeard + more);
		RoomsMember carol = new RoomsMember("c1", null, reconnecting);
		carol.join(alicePort, code);
		await().atMost(TIMEOUT).until(() -> alice.users().contains("c1") && bob.users().contains("c1"));
		TestWebSocket peerC = TestWebSocket.connect(bobPort, "/topics");
		peerC.send("{\"type\":\"join\",\"topic\":\"kill\",\"peerId\":\"peer-c\"}");
		assertThat(peerA.nextText()).isEqualTo("{\"type\":\"peer-joined\",\"peerId\":\"peer-c\",\"topic\":\"kill\"}");

		for (RoomsMember survivor : List.of(alice, bob)) {
			for (RoomsMember member : doomed) {
				assertThat(survivor.count(leftBy(member))).as("%s told of %s", survivor.userId(), member.userId())
					.isOne();
			}
			assertThat(survivor.users()).containsExactly("a1", "b1", "c1");
			assertThat(survivor.problems()).isEmpty();
		}
		assertThat(peerA.pending()).isZero();
	}

	private static String[] chatFrom(RoomsMember member) {
		return new String[] { "\"type\":\"chat\"", "\"sender_id\":\"" + member.userId() + "\"" };
	}

	private static String[] leftBy(RoomsMember member) {
		return new String[] { "\"type\":\"user_left\"", "\"user_id\":\"" + member.userId() + "\"" };
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
