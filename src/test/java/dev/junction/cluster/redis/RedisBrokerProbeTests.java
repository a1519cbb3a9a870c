package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.junction.cluster.Publication;
import dev.junction.core.NodeId;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisBroker#probe()} on a real Redis: the round trip behind readiness.
 */
class RedisBrokerProbeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final List<RedisBroker> brokers = new ArrayList<>();

	private TestRedis redis;

	@BeforeEach
	void connect() {
		this.redis = TestRedis.connect();
	}

	@AfterEach
	void close() {
		this.brokers.forEach(RedisBroker::close);
		this.redis.close();
	}

	@Test
	void probeShouldComeBackThroughRedisAndReachNoSubscriber() {
		RedisBroker one = broker("one");
		RedisBroker two = broker("two");
		List<Publication> received = new CopyOnWriteArrayList<>();
		one.subscribe("node:one", received::add).block(TIMEOUT);
		two.subscribe("node:one", received::add).block(TIMEOUT);
		StepVerifier.create(one.probe()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(one.probe()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(two.probe()).expectComplete().verify(TIMEOUT);
		assertThat(received).isEmpty();
	}

	private RedisBroker broker(String node) {
		RedisBroker broker = new RedisBroker(this.redis.client(), this.redis.prefix(), new NodeId(node),
				RedisBroker.Counters.NONE);
		this.brokers.add(broker);
		return broker;
	}

}
