package dev.junction.config;

import java.time.Clock;

import dev.junction.cluster.Pipes;
import dev.junction.cluster.memory.InMemoryPipes;
import dev.junction.cluster.redis.RedisPipes;
import dev.junction.core.NodeId;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which {@link Pipes} carry tunnels between nodes under which cluster mode.
 */
class PipesConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Base.class,
			PipesConfiguration.class, RedisClusterConfiguration.class);

	@Test
	void memoryModeShouldUseInMemoryPipes() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(Pipes.class)
			.getBean(Pipes.class)
			.isInstanceOf(InMemoryPipes.class));
	}

	@Test
	void redisModeShouldUseRedisPipesOnTheConfiguredRedis() {
		try (TestRedis redis = TestRedis.connect()) {
			this.runner
				.withPropertyValues("junction.cluster.mode=redis", "spring.data.redis.url=" + redis.uri(),
						"junction.cluster.key-prefix=" + redis.prefix(), "junction.cluster.pipe-window=64KB")
				.run((context) -> {
					assertThat(context).hasSingleBean(Pipes.class);
					assertThat(context.getBean(Pipes.class)).isInstanceOf(RedisPipes.class);
				});
			// Nothing was listened on or opened, and the context's end stopped the pipes.
			assertThat(redis.keys()).isEmpty();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(JunctionProperties.class)
	static class Base {

		@Bean
		Clock junctionClock() {
			return Clock.systemUTC();
		}

		@Bean
		NodeId nodeId() {
			return NodeId.random();
		}

		@Bean
		Scheduler junctionScheduler() {
			return Schedulers.parallel();
		}

	}

}
