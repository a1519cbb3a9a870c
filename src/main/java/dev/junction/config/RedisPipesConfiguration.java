package dev.junction.config;

import dev.junction.cluster.Pipes;
import dev.junction.cluster.redis.RedisPipes;
import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tunnels between nodes on Redis Streams when {@code junction.cluster.mode=redis}. A
 * minimal configuration of its own: a Lettuce client on {@code spring.data.redis.url}, to
 * be merged with the rest of the Redis wiring.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "junction.cluster.mode", havingValue = "redis")
class RedisPipesConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedisClient junctionPipesRedisClient(@Value("${spring.data.redis.url:redis://127.0.0.1:6379}") String url) {
		return RedisClient.create(url);
	}

	@Bean(destroyMethod = "dispose")
	Pipes pipes(RedisClient junctionPipesRedisClient, JunctionProperties properties) {
		ClusterProperties cluster = properties.getCluster();
		return new RedisPipes(junctionPipesRedisClient, cluster.getKeyPrefix(), cluster.getPipeWindow().toBytes(),
				cluster.getPipeLiveness());
	}

}
