package dev.junction.config;

import java.time.Clock;
import java.time.Duration;

import dev.junction.cluster.Directory;
import dev.junction.cluster.ExpiringStore;
import dev.junction.cluster.Presence;
import dev.junction.cluster.Pipes;
import dev.junction.cluster.redis.RedisBroker;
import dev.junction.cluster.redis.RedisPipes;
import dev.junction.cluster.redis.RedisDirectory;
import dev.junction.cluster.redis.RedisExpiringStore;
import dev.junction.cluster.redis.RedisPresence;
import dev.junction.core.NodeId;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cluster seams on Redis, for {@code junction.cluster.mode=redis}.
 *
 * <p>
 * The Lettuce client is built here from Boot's own {@code spring.data.redis.*} settings
 * (url, or host, port, username, password and database; ssl; timeout; connect timeout;
 * client name) rather than taken from Boot's connection factory, whose auto-configuration
 * application.yml excludes: the brokers need client options of their own (commands are
 * refused while disconnected, so publications are counted as dropped instead of piling up
 * in memory), Junction owns the client's shutdown, and in memory mode nothing of Redis
 * exists at all. Sentinel and Redis Cluster settings are not read.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "junction.cluster.mode", havingValue = "redis")
@EnableConfigurationProperties(DataRedisProperties.class)
class RedisClusterConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedisClient junctionRedisClient(DataRedisProperties redis) {
		RedisClient client = RedisClient.create(redisUri(redis));
		SocketOptions.Builder socket = SocketOptions.builder();
		if (redis.getConnectTimeout() != null) {
			socket.connectTimeout(redis.getConnectTimeout());
		}
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(socket.build())
			.build());
		return client;
	}

	@Bean(destroyMethod = "close")
	StatefulRedisConnection<String, String> junctionRedisConnection(RedisClient junctionRedisClient) {
		return junctionRedisClient.connect(StringCodec.UTF8);
	}

	@Bean(destroyMethod = "close")
	RedisBroker broker(RedisClient junctionRedisClient, JunctionProperties properties, NodeId nodeId,
			ObjectProvider<MeterRegistry> meterRegistry) {
		MeterRegistry meters = meterRegistry.getIfAvailable();
		RedisBroker.Counters counters = (meters != null)
				? new RedisBroker.Counters(
						counter(meters, "junction.cluster.sequence.gaps",
								"Publications from another node whose sequence skipped or repeated one")::increment,
						counter(meters, "junction.cluster.publications.dropped",
								"Publications that could not be handed to Redis")::increment)
				: RedisBroker.Counters.NONE;
		return new RedisBroker(junctionRedisClient, properties.getCluster().getKeyPrefix(), nodeId, counters);
	}

	@Bean
	Presence presence(StatefulRedisConnection<String, String> junctionRedisConnection, JunctionProperties properties) {
		return new RedisPresence(junctionRedisConnection.async(), properties.getCluster().getKeyPrefix());
	}

	@Bean
	Directory directory(StatefulRedisConnection<String, String> junctionRedisConnection, JunctionProperties properties,
			Clock junctionClock) {
		return new RedisDirectory(junctionRedisConnection.async(), properties.getCluster().getKeyPrefix(),
				junctionClock);
	}

	@Bean
	ExpiringStore expiringStore(StatefulRedisConnection<String, String> junctionRedisConnection,
			JunctionProperties properties, Clock junctionClock) {
		return new RedisExpiringStore(junctionRedisConnection.async(), properties.getCluster().getKeyPrefix(),
				junctionClock);
	}

	static RedisURI redisUri(DataRedisProperties redis) {
		RedisURI uri;
		if (redis.getUrl() != null) {
			// Boot's rule: the url wins over host, port and credentials.
			uri = RedisURI.create(redis.getUrl());
		}
		else {
			RedisURI.Builder builder = RedisURI.builder().withHost(redis.getHost()).withPort(redis.getPort());
			if (redis.getPassword() != null) {
				if (redis.getUsername() != null) {
					builder.withAuthentication(redis.getUsername(), redis.getPassword());
				}
				else {
					builder.withPassword(redis.getPassword().toCharArray());
				}
			}
			uri = builder.build();
		}
		if (redis.getDatabase() != 0) {
			uri.setDatabase(redis.getDatabase());
		}
		if (redis.getSsl().isEnabled()) {
			uri.setSsl(true);
		}
		Duration timeout = redis.getTimeout();
		if (timeout != null) {
			uri.setTimeout(timeout);
		}
		if (redis.getClientName() != null) {
			uri.setClientName(redis.getClientName());
		}
		return uri;
	}

	private static Counter counter(MeterRegistry meters, String name, String description) {
		return Counter.builder(name).description(description).register(meters);
	}

	@Bean(destroyMethod = "dispose")
	Pipes pipes(RedisClient junctionRedisClient, JunctionProperties properties) {
		ClusterProperties cluster = properties.getCluster();
		return new RedisPipes(junctionRedisClient, cluster.getKeyPrefix(), cluster.getPipeWindow().toBytes(),
				cluster.getPipeLiveness());
	}

}
