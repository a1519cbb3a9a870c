package dev.junction.cluster.redis;

import java.util.ArrayList;
import java.util.List;

import dev.junction.cluster.Broker;
import dev.junction.cluster.BrokerContractTests;
import dev.junction.core.NodeId;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The broker contract against {@link RedisBroker} on a real Redis, as the node that
 * publishes the contract's publications.
 */
class RedisBrokerTests extends BrokerContractTests {

	private final List<RedisBroker> brokers = new ArrayList<>();

	private TestRedis redis;

	@BeforeEach
	void connect() {
		this.redis = TestRedis.connect();
	}

	@AfterEach
	void close() {
		this.brokers.forEach(RedisBroker::close);
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Override
	protected Broker broker() {
		RedisBroker broker = new RedisBroker(this.redis.client(), this.redis.prefix(), new NodeId("node1"),
				RedisBroker.Counters.NONE);
		this.brokers.add(broker);
		return broker;
	}

}
