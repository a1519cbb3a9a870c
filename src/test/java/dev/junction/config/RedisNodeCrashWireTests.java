package dev.junction.config;

import java.util.ArrayList;
import java.util.List;

import dev.junction.JunctionApplication;
import dev.junction.core.NodeId;
import dev.junction.support.TestRedis;
import dev.junction.support.TestWebSocket;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three whole nodes in redis mode on one Redis; one of them loses Redis for good (its
 * client shut down, as a crashed or partitioned node would): the two others race to reap
 * it, and its member's leave is told to each remaining member exactly once.
 */
class RedisNodeCrashWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private TestRedis redis;

	@BeforeEach
	void connect() {
		this.redis = TestRedis.connect();
	}

	@AfterEach
	void stop() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		this.redis.close();
	}

	@Test
	void memberOfANodeThatLostRedisShouldBeToldAsLeftOnceByTheSurvivors() {
		int alicePort = start();
		int bobPort = start();
		int carolPort = start();
		TestWebSocket alice = TestWebSocket.connect(alicePort, "/ws");
		alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a1\",\"display_name\":\"Alice\"}}");
		String code = json.readTree(alice.nextText()).at("/payload/room_code").stringValue();
		TestWebSocket bob = join(bobPort, code, "b1", "Bob");
		assertThat(alice.nextText()).contains("user_joined", "b1");
		TestWebSocket carol = join(carolPort, code, "c1", "Carol");
		assertThat(alice.nextText()).contains("user_joined", "c1");
		assertThat(bob.nextText()).contains("user_joined", "c1");

		this.nodes.get(2).getBean("junctionRedisClient", RedisClient.class).shutdown();
		String left = "{\"type\":\"user_left\",\"payload\":{\"user_id\":\"c1\",\"display_name\":\"Carol\",\"users\":"
				+ "[{\"user_id\":\"a1\",\"display_name\":\"Alice\"},{\"user_id\":\"b1\",\"display_name\":\"Bob\"}]}}";
		assertThat(alice.nextText()).isEqualTo(left);
		assertThat(bob.nextText()).isEqualTo(left);
		assertThat(carol.awaitClose().code()).isEqualTo(1012);

		// What follows a duplicate leave would come after it.
		join(alicePort, code, "d1", "Dave");
		assertThat(alice.nextText()).contains("user_joined", "d1");
		assertThat(bob.nextText()).contains("user_joined", "d1");
	}

	@Test
	void nodeThatStopsShouldDrainThenLeaveTheCluster() {
		int alicePort = start();
		int bobPort = start();
		String bobNode = this.nodes.get(1).getBean(NodeId.class).value();
		TestWebSocket alice = TestWebSocket.connect(alicePort, "/ws");
		alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a1\",\"display_name\":\"Alice\"}}");
		String code = json.readTree(alice.nextText()).at("/payload/room_code").stringValue();
		TestWebSocket bob = join(bobPort, code, "b1", "Bob");
		assertThat(alice.nextText()).contains("user_joined", "b1");
		RedisCommands<String, String> commands = this.redis.connection().sync();
		assertThat(commands.exists(this.redis.prefix() + "heartbeat:" + bobNode)).isOne();

		this.nodes.get(1).close();
		assertThat(bob.awaitClose().code()).isEqualTo(1012);
		assertThat(alice.nextText()).contains("user_left", "b1");
		assertThat(commands.exists(this.redis.prefix() + "heartbeat:" + bobNode)).isZero();
		assertThat(commands.sismember(this.redis.prefix() + "nodes", bobNode)).isFalse();
		join(alicePort, code, "d1", "Dave");
		assertThat(alice.nextText()).contains("user_joined", "d1");
	}

	private TestWebSocket join(int port, String code, String userId, String name) {
		TestWebSocket socket = TestWebSocket.connect(port, "/ws");
		socket.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\",\"user_id\":\"" + userId
				+ "\",\"display_name\":\"" + name + "\"}}");
		assertThat(socket.nextText()).startsWith("{\"type\":\"room_joined\"");
		return socket;
	}

	private int start() {
		ConfigurableApplicationContext node = new SpringApplicationBuilder(JunctionApplication.class)
			.initializers((context) -> {
				ReactorResourceFactory resources = new ReactorResourceFactory();
				resources.setUseGlobalResources(false);
				context.getBeanFactory().registerSingleton("reactorResourceFactory", resources);
			})
			.run("--server.port=0", "--junction.cluster.mode=redis",
					"--spring.data.redis.url=" + System.getProperty(TestRedis.URI, "redis://127.0.0.1:6379"),
					"--junction.cluster.key-prefix=" + this.redis.prefix(), "--junction.cluster.heartbeat-ttl=1500ms",
					"--junction.protocols.rooms.grace-period=60s", "--junction.shutdown.drain-spread=0s",
					"--junction.shutdown.drain-timeout=1s");
		this.nodes.add(node);
		return ((WebServerApplicationContext) node).getWebServer().getPort();
	}

}
