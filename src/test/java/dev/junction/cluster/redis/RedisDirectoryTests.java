package dev.junction.cluster.redis;

import dev.junction.cluster.Directory;
import dev.junction.cluster.DirectoryContractTests;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The directory contract against {@link RedisDirectory} on a real Redis.
 */
class RedisDirectoryTests extends DirectoryContractTests {

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
	protected Directory directory() {
		return new RedisDirectory(this.redis.connection().async(), this.redis.prefix(), this.clock);
	}

}
