package dev.junction.observability;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code cluster} health contributor, a member of the readiness group (and never of
 * liveness: a node that cannot reach Redis should get no traffic, not be restarted). Up
 * while the node's {@link ClusterLink} is; always up in memory mode, where a node has no
 * link to lose.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterHealth {

	@Bean
	HealthIndicator clusterHealthIndicator(ObjectProvider<ClusterLink> clusterLink) {
		ClusterLink link = clusterLink.getIfAvailable();
		if (link == null) {
			return () -> Health.up().withDetail("mode", "memory").build();
		}
		return () -> {
			if (link.up()) {
				return Health.up().withDetail("mode", "redis").build();
			}
			String reason = link.reason();
			return Health.down()
				.withDetail("mode", "redis")
				.withDetail("reason", (reason != null) ? reason : "")
				.build();
		};
	}

}
