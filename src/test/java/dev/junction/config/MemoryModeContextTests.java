package dev.junction.config;

import dev.junction.cluster.Broker;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.support.TestTokens;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application in memory mode, with a Redis URL that nothing answers: it starts,
 * and nothing of Redis exists, Boot's connection factories and Redis health included.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.url=redis://127.0.0.1:1", "junction.auth.hmac-secret=" + TestTokens.SECRET })
class MemoryModeContextTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void memoryModeShouldCreateNothingThatConnectsToRedis() {
		assertThat(this.context.getBean(Broker.class)).isInstanceOf(InMemoryBroker.class);
		assertThat(this.context.getBeanNamesForType(RedisClient.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.containsBean("redisHealthContributor")).isFalse();
	}

}
