package dev.junction.config;

import dev.junction.cluster.Pipes;
import dev.junction.cluster.memory.InMemoryPipes;
import reactor.core.scheduler.Scheduler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link Pipes} that carry tunnels between nodes: in memory on a single node (where
 * none is ever opened); {@link RedisClusterConfiguration} provides them in cluster mode.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "junction.cluster.mode", havingValue = "memory", matchIfMissing = true)
class PipesConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Pipes pipes(JunctionProperties properties, Scheduler junctionScheduler) {
		return new InMemoryPipes(properties.getCluster().getPipeWindow().toBytes(), junctionScheduler);
	}

}
