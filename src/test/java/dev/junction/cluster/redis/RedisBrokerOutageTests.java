package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.cluster.Publication;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import dev.junction.support.RedisServerProcess;
import dev.junction.support.TestRedis;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@link RedisBroker}s through an outage of a {@code redis-server} this test starts,
 * kills and starts again on the same port.
 */
class RedisBrokerOutageTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final List<RedisBroker> brokers = new ArrayList<>();

	private final AtomicInteger dropped = new AtomicInteger();

	private Process server;

	private ClientResources resources;

	private RedisClient client;

	@AfterEach
	void stop() throws InterruptedException {
		this.brokers.forEach(RedisBroker::close);
		if (this.client != null) {
			this.client.shutdown();
		}
		if (this.resources != null) {
			this.resources.shutdown();
		}
		if (this.server != null) {
			this.server.destroy();
			this.server.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void localDeliveryShouldGoOnAndCrossNodeDeliveryResumeAfterRedisReturns() throws Exception {
		int port = RedisServerProcess.freePort();
		this.server = RedisServerProcess.start(port);
		String uri = "redis://127.0.0.1:" + port;
		await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
			TestRedis.connect(uri).close();
			return true;
		});
		// Reconnect attempts at a fixed short delay, so that the test needn't wait out
		// Lettuce's exponential back-off.
		this.resources = ClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(100))).build();
		this.client = RedisClient.create(this.resources, RedisURI.create(uri));
		this.client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		RedisBroker first = broker(new NodeId("one"));
		RedisBroker second = broker(new NodeId("two"));
		List<String> onFirst = new CopyOnWriteArrayList<>();
		List<String> onSecond = new CopyOnWriteArrayList<>();
		first.subscribe("rooms:O", (publication) -> onFirst.add(publication.frame().asText())).block(TIMEOUT);
		second.subscribe("rooms:O", (publication) -> onSecond.add(publication.frame().asText())).block(TIMEOUT);
		first.publish("rooms:O", publication("before"));
		await().atMost(TIMEOUT).until(() -> onSecond.contains("before"));

		this.server.destroy();
		assertThat(this.server.waitFor(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(TIMEOUT).until(() -> {
			first.publish("rooms:O", publication("during"));
			return this.dropped.get() > 0;
		});
		assertThat(onFirst).contains("during");
		assertThat(onSecond).doesNotContain("during");

		this.server = RedisServerProcess.start(port);
		await().atMost(TIMEOUT).until(() -> {
			first.publish("rooms:O", publication("after"));
			return onSecond.contains("after");
		});
	}

	private RedisBroker broker(NodeId node) {
		RedisBroker broker = new RedisBroker(this.client, "junction-outage:", node, new RedisBroker.Counters(() -> {
		}, this.dropped::incrementAndGet));
		this.brokers.add(broker);
		return broker;
	}

	private static Publication publication(String text) {
		return new Publication(new NodeId("one"), null, 0, null, Frame.text(text));
	}

}
