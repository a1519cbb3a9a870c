package dev.junction.cluster.redis;

import dev.junction.cluster.ExpiringStore;
import dev.junction.cluster.ExpiringStoreContractTests;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The expiring store contract against {@link RedisExpiringStore} on a real Redis.
 */
class RedisExpiringStoreTests extends ExpiringStoreContractTests {

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
	protected ExpiringStore store() {
		return new RedisExpiringStore(this.redis.connection().async(), this.redis.prefix(), this.clock);
	}

}
