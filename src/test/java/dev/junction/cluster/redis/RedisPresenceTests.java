package dev.junction.cluster.redis;

import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceContractTests;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The presence contract against {@link RedisPresence} on a real Redis.
 */
class RedisPresenceTests extends PresenceContractTests {

	private TestRedis redis;

	@BeforeEach
	void connect() {
		this.redis = TestRedis.connect();
	}

	@AfterEach
	void close() {
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Override
	protected Presence presence() {
		return new RedisPresence(this.redis.connection().async(), this.redis.prefix());
	}

}
