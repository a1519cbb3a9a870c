package dev.junction.config;

import dev.junction.cluster.redis.RedisHeartbeat;
import dev.junction.cluster.redis.RedisLink;
import dev.junction.cluster.redis.RedisReaping;
import dev.junction.observability.ClusterHealth;
import dev.junction.observability.ClusterLink;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which beans of a node's life in the cluster exist in which mode, and what the
 * {@code cluster} health contributor says.
 */
class RedisNodeConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JunctionConfiguration.class, RedisClusterConfiguration.class,
				RedisNodeConfiguration.class, ClusterHealth.class))
		.withUserConfiguration(JunctionConfigurationTests.PropertiesConfiguration.class);

	@Test
	void memoryModeShouldHaveNoHeartbeatAndAClusterContributorThatIsUp() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(RedisHeartbeat.class)
				.doesNotHaveBean(RedisReaping.class)
				.doesNotHaveBean(RedisLink.class)
				.doesNotHaveBean(ClusterLink.class)
				.doesNotHaveBean(RedisNodeLifecycle.class);
			HealthIndicator cluster = context.getBean("clusterHealthIndicator", HealthIndicator.class);
			assertThat(cluster.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void redisModeShouldBeatProbeAndReportTheLinkAsUp() {
		try (TestRedis redis = TestRedis.connect()) {
			this.runner
				.withPropertyValues("junction.cluster.mode=redis",
						"spring.data.redis.url=" + System.getProperty(TestRedis.URI, "redis://127.0.0.1:6379"),
						"junction.cluster.key-prefix=" + redis.prefix(), "junction.cluster.probe-interval=100ms")
				.run((context) -> {
					assertThat(context).hasNotFailed()
						.hasSingleBean(RedisHeartbeat.class)
						.hasSingleBean(RedisReaping.class)
						.hasSingleBean(RedisLink.class)
						.hasSingleBean(ClusterLink.class)
						.hasSingleBean(RedisNodeLifecycle.class);
					HealthIndicator cluster = context.getBean("clusterHealthIndicator", HealthIndicator.class);
					await().until(() -> Status.UP.equals(cluster.health().getStatus()));
					await().until(() -> redis.connection().sync().scard(redis.prefix() + "nodes") == 1);
				});
		}
	}

	@Test
	void nodeShouldLeaveTheClusterAfterTheDrainAndBeforeTheWebServerStops() {
		// Higher phases stop first: the drain (NodeLifecycle, the default phase), then
		// this, then Boot's graceful shutdown of the web server.
		assertThat(RedisNodeLifecycle.PHASE).isLessThan(SmartLifecycle.DEFAULT_PHASE)
			.isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
	}

}
