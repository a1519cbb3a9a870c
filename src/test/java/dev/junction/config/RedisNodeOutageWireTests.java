package dev.junction.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.junction.JunctionApplication;
import dev.junction.core.NodeId;
import dev.junction.support.RedisServerProcess;
import dev.junction.support.TestRedis;
import dev.junction.support.TestWebSocket;
import io.lettuce.core.RedisConnectionException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A whole node in redis mode through an outage of a {@code redis-server} this test
 * starts, kills and starts again on the same port: readiness follows the link, liveness
 * does not, the node's connections are closed with 1012 once the outage outlasts the
 * heartbeat TTL, and the node registers again when Redis is back. An outage shorter than
 * the TTL keeps the clients: what could not cross meanwhile is counted as dropped, and
 * frames cross again once Lettuce has restored the subscriptions.
 */
class RedisNodeOutageWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String PREFIX = "junction-node-outage:";

	private final HttpClient http = HttpClient.newHttpClient();

	private Process server;

	private ConfigurableApplicationContext node;

	private ConfigurableApplicationContext other;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.node != null) {
			this.node.close();
		}
		if (this.other != null) {
			this.other.close();
		}
		if (this.server != null) {
			this.server.destroy();
			this.server.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void readinessShouldFollowRedisAndConnectionsCloseWith1012WhenTheOutageOutlastsTheTtl() throws Exception {
		int redisPort = RedisServerProcess.freePort();
		this.server = RedisServerProcess.start(redisPort);
		String uri = "redis://127.0.0.1:" + redisPort;
		await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
			TestRedis.connect(uri).close();
			return true;
		});
		this.node = run(uri);
		int port = ((WebServerApplicationContext) this.node).getWebServer().getPort();
		String me = this.node.getBean(NodeId.class).value();
		MeterRegistry meters = this.node.getBean(MeterRegistry.class);
		await().atMost(TIMEOUT).until(() -> status(port, "/actuator/health/readiness") == 200);
		assertThat(meters.get("junction.cluster.up").gauge().value()).isOne();
		assertThat(meters.get("junction.cluster.probe").timer().count()).isPositive();
		TestWebSocket alice = TestWebSocket.connect(port, "/ws");
		alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a1\",\"display_name\":\"Alice\"}}");
		assertThat(alice.nextText()).contains("room_created");

		this.server.destroy();
		assertThat(this.server.waitFor(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(TIMEOUT).until(() -> status(port, "/actuator/health/readiness") == 503);
		assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
		assertThat(meters.get("junction.cluster.up").gauge().value()).isZero();
		assertThat(alice.awaitClose().code()).isEqualTo(1012);
		assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);

		this.server = RedisServerProcess.start(redisPort);
		await().atMost(TIMEOUT).until(() -> status(port, "/actuator/health/readiness") == 200);
		try (TestRedis redis = TestRedis.connect(uri)) {
			assertThat(redis.connection().sync().exists(PREFIX + "heartbeat:" + me)).isOne();
			assertThat(redis.connection().sync().sismember(PREFIX + "nodes", me)).isTrue();
		}
		TestWebSocket bob = TestWebSocket.connect(port, "/ws");
		bob.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"b1\",\"display_name\":\"Bob\"}}");
		assertThat(bob.nextText()).contains("room_created");
	}

	@Test
	void shortOutageShouldCountTheLossThenDeliverAcrossNodesThroughTheRestoredSubscriptions(@TempDir Path data)
			throws Exception {
		int redisPort = RedisServerProcess.freePort();
		// A Redis that comes back with its data, as a persistent or replicated one does.
		this.server = RedisServerProcess.start(redisPort, data);
		String uri = "redis://127.0.0.1:" + redisPort;
		await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
			TestRedis.connect(uri).close();
			return true;
		});
		// A TTL longer than the outage: the nodes keep their clients through it.
		this.node = run(uri, "60s");
		this.other = run(uri, "60s");
		int alicePort = ((WebServerApplicationContext) this.node).getWebServer().getPort();
		int bobPort = ((WebServerApplicationContext) this.other).getWebServer().getPort();
		MeterRegistry meters = this.node.getBean(MeterRegistry.class);
		TestWebSocket alice = TestWebSocket.connect(alicePort, "/ws");
		alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a1\",\"display_name\":\"Alice\"}}");
		String code = json.readTree(alice.nextText()).at("/payload/room_code").stringValue();
		TestWebSocket bob = TestWebSocket.connect(bobPort, "/ws");
		bob.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code
				+ "\",\"user_id\":\"b1\",\"display_name\":\"Bob\"}}");
		assertThat(bob.nextText()).startsWith("{\"type\":\"room_joined\"");
		assertThat(alice.nextText()).contains("user_joined", "b1");
		alice.send("{\"type\":\"say\",\"text\":\"before\"}");
		assertThat(bob.nextText()).contains("before");

		try (TestRedis redis = TestRedis.connect(uri)) {
			redis.connection().sync().save();
		}
		this.server.destroy();
		assertThat(this.server.waitFor(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(TIMEOUT).until(() -> status(alicePort, "/actuator/health/readiness") == 503);
		double droppedBefore = dropped(meters);
		alice.send("{\"type\":\"say\",\"text\":\"during\"}");
		await().atMost(TIMEOUT).until(() -> dropped(meters) > droppedBefore);

		this.server = RedisServerProcess.start(redisPort, data);
		await().atMost(TIMEOUT)
			.until(() -> status(alicePort, "/actuator/health/readiness") == 200
					&& status(bobPort, "/actuator/health/readiness") == 200);
		alice.assertOpen();
		bob.assertOpen();
		// Bob's node subscribed the room before the outage and not since: what reaches
		// him now came through the subscription Lettuce restored.
		List<String> heard = new ArrayList<>();
		await().atMost(TIMEOUT).until(() -> {
			alice.send("{\"type\":\"say\",\"text\":\"after\"}");
			while (bob.pending() > 0) {
				heard.add(bob.nextText());
			}
			return heard.stream().anyMatch((text) -> text.contains("after"));
		});
		assertThat(heard).noneMatch((text) -> text.contains("during"));
	}

	private static double dropped(MeterRegistry meters) {
		return meters.get("junction.cluster.publications.dropped").counter().count();
	}

	@Test
	void redisThatComesBackEmptyShouldHaveTheNodesCloseTheirClientsWith1012WhoRejoinTheirRoomsByCode()
			throws Exception {
		int redisPort = RedisServerProcess.freePort();
		this.server = RedisServerProcess.start(redisPort);
		String uri = "redis://127.0.0.1:" + redisPort;
		await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
			TestRedis.connect(uri).close();
			return true;
		});
		this.node = run(uri, "10s");
		int port = ((WebServerApplicationContext) this.node).getWebServer().getPort();
		TestWebSocket alice = TestWebSocket.connect(port, "/ws");
		alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a1\",\"display_name\":\"Alice\"}}");
		String code = json.readTree(alice.nextText()).at("/payload/room_code").stringValue();

		// Restarted with nothing kept: the room's code and members are gone from Redis.
		this.server.destroy();
		assertThat(this.server.waitFor(10, TimeUnit.SECONDS)).isTrue();
		this.server = RedisServerProcess.start(redisPort);
		assertThat(alice.awaitClose().code()).isEqualTo(1012);
		await().atMost(TIMEOUT).until(() -> status(port, "/actuator/health/readiness") == 200);
		TestWebSocket again = TestWebSocket.connect(port, "/ws");
		again.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code
				+ "\",\"user_id\":\"a1\",\"display_name\":\"Alice\"}}");
		// Emptied by that 1012, the room was claimed again for its grace period in the
		// Redis that came back.
		assertThat(again.nextText()).isEqualTo("{\"type\":\"room_joined\",\"payload\":{\"room_code\":\"" + code
				+ "\",\"users\":[{\"user_id\":\"a1\",\"display_name\":\"Alice\"}]}}");
	}

	@Test
	void startUpShouldFailWhenRedisDoesNotAnswer() throws IOException {
		// Fails at once rather than hanging: the broker connects while the context
		// starts.
		String uri = "redis://127.0.0.1:" + RedisServerProcess.freePort();
		assertThatThrownBy(() -> run(uri)).hasStackTraceContaining(RedisConnectionException.class.getName());
	}

	private ConfigurableApplicationContext run(String uri) {
		return run(uri, "1500ms");
	}

	private ConfigurableApplicationContext run(String uri, String heartbeatTtl) {
		return new SpringApplicationBuilder(JunctionApplication.class).initializers((context) -> {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			context.getBeanFactory().registerSingleton("reactorResourceFactory", resources);
		})
			.run("--server.port=0", "--junction.cluster.mode=redis", "--spring.data.redis.url=" + uri,
					"--spring.data.redis.timeout=2s", "--junction.cluster.key-prefix=" + PREFIX,
					"--junction.cluster.heartbeat-ttl=" + heartbeatTtl, "--junction.cluster.probe-interval=200ms",
					"--junction.cluster.probe-timeout=500ms", "--junction.shutdown.drain-timeout=1s",
					"--junction.shutdown.drain-spread=0s");
	}

	private int status(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
