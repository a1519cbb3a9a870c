package dev.junction.protocol.topics;

import dev.junction.protocol.RelayServices;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Serves the topics protocol (its {@link dev.junction.protocol.RelayProtocol} bean,
 * ordered where the server lists protocols) unless
 * {@code junction.protocols.topics.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "junction.protocols.topics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsConfiguration {

	@Bean
	@Order(5)
	TopicsRelayProtocol topicsRelayProtocol(RelayServices relayServices, TopicsProperties topicsProperties) {
		return new TopicsRelayProtocol(relayServices, topicsProperties);
	}

}
