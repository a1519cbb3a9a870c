package dev.junction.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;

/**
 * Matches unless {@code junction.cluster.mode} is {@code redis}: the in-memory seams are
 * the default, and an unknown mode reaches them so that binding it fails start-up with
 * Boot's message naming the property.
 */
class MemoryClusterCondition extends NoneNestedConditions {

	MemoryClusterCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty(name = "junction.cluster.mode", havingValue = "redis")
	static class RedisMode {

	}

}
