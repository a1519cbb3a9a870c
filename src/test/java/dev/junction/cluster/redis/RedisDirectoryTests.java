package dev.junction.cluster.redis;

import java.time.Duration;

import dev.junction.cluster.Directory;
import dev.junction.cluster.DirectoryContractTests;
import dev.junction.core.NodeId;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory contract against {@link RedisDirectory} on a real Redis.
 */
class RedisDirectoryTests extends DirectoryContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

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

	@Test
	void lapsedClaimsShouldLeaveTheNodesIndex() {
		Directory directory = directory();
		assertThat(directory.claim("tunnel:a", "one.1", Duration.ofSeconds(30)).block(TIMEOUT)).isTrue();
		assertThat(directory.claim("tunnel:b", "one.1", null).block(TIMEOUT)).isTrue();
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(directory.claim("tunnel:c", "one.2", Duration.ofSeconds(30)).block(TIMEOUT)).isTrue();
		assertThat(this.redis.connection().sync().zrange(this.redis.prefix() + "directory-node:one", 0, -1))
			.containsExactlyInAnyOrder("tunnel:b", "tunnel:c");
		assertThat(directory.releaseNode(new NodeId("one")).block(TIMEOUT)).isEqualTo(2);
	}

	@Override
	protected Directory directory() {
		return new RedisDirectory(this.redis.connection().async(), this.redis.prefix(), this.clock);
	}

}
