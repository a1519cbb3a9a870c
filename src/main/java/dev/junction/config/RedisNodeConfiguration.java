package dev.junction.config;

import java.time.Duration;

import dev.junction.channel.NodeReaper;
import dev.junction.cluster.redis.RedisBroker;
import dev.junction.cluster.redis.RedisHeartbeat;
import dev.junction.cluster.redis.RedisLink;
import dev.junction.cluster.redis.RedisReaping;
import dev.junction.core.CloseReason;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.NodeId;
import dev.junction.observability.ClusterLink;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A node's life in a cluster on Redis: its heartbeat, the reaping of nodes whose
 * heartbeat lapsed, and the link probe behind the {@code cluster} readiness contributor
 * and the {@code junction.cluster.up} gauge.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "junction.cluster.mode", havingValue = "redis")
class RedisNodeConfiguration {

	@Bean
	RedisHeartbeat redisHeartbeat(StatefulRedisConnection<String, String> junctionRedisConnection,
			JunctionProperties properties, NodeId nodeId, NodeReaper nodeReaper, ConnectionRegistry connectionRegistry,
			Scheduler junctionScheduler) {
		ClusterProperties cluster = properties.getCluster();
		// A node the others may have reaped has lost its members' state: its clients
		// reconnect (1012) to a node that still has them.
		Runnable lost = () -> junctionScheduler.schedule(() -> connectionRegistry.closeAll(CloseReason.SERVER_RESTART));
		return new RedisHeartbeat(junctionRedisConnection.async(), cluster.getKeyPrefix(), nodeId,
				cluster.getHeartbeatTtl(), nodeReaper::reap, lost, junctionScheduler);
	}

	@Bean
	RedisReaping redisReaping(StatefulRedisConnection<String, String> junctionRedisConnection,
			JunctionProperties properties, NodeId nodeId, NodeReaper nodeReaper, Scheduler junctionScheduler) {
		ClusterProperties cluster = properties.getCluster();
		return new RedisReaping(junctionRedisConnection.async(), cluster.getKeyPrefix(), nodeId,
				cluster.getHeartbeatTtl(), nodeReaper::reap, junctionScheduler);
	}

	@Bean
	RedisLink redisLink(RedisBroker broker, JunctionProperties properties, Scheduler junctionScheduler,
			ObjectProvider<MeterRegistry> meterRegistry) {
		ClusterProperties cluster = properties.getCluster();
		MeterRegistry meters = meterRegistry.getIfAvailable();
		@Nullable Timer roundTrips = (meters != null) ? Timer.builder("junction.cluster.probe")
			.description("Round trip of the readiness probe through Redis and back to this node")
			.register(meters) : null;
		RedisLink link = new RedisLink(broker::probe, cluster.getProbeInterval(), cluster.getProbeTimeout(),
				junctionScheduler, (roundTrip) -> {
					if (roundTrips != null) {
						roundTrips.record(roundTrip);
					}
				});
		if (meters != null) {
			Gauge.builder("junction.cluster.up", link, (probed) -> probed.up() ? 1 : 0)
				.description("1 while probes come back through Redis, 0 otherwise")
				.register(meters);
		}
		return link;
	}

	@Bean
	ClusterLink clusterLink(RedisLink redisLink, RedisHeartbeat redisHeartbeat) {
		return new ClusterLink() {

			@Override
			public boolean up() {
				return redisLink.up() && !redisHeartbeat.lost();
			}

			@Override
			public @Nullable String reason() {
				if (redisHeartbeat.lost()) {
					return "this node has not reached Redis for longer than the heartbeat TTL";
				}
				return redisLink.reason();
			}

		};
	}

	@Bean
	RedisNodeLifecycle redisNodeLifecycle(RedisHeartbeat redisHeartbeat, RedisReaping redisReaping, RedisLink redisLink,
			JunctionProperties properties) {
		Duration ttl = properties.getCluster().getHeartbeatTtl();
		return new RedisNodeLifecycle(redisHeartbeat, redisReaping, redisLink, ttl);
	}

}
