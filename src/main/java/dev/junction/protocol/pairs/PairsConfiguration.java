package dev.junction.protocol.pairs;

import dev.junction.protocol.RelayServices;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Serves the pairs protocol (its {@link dev.junction.protocol.RelayProtocol} bean,
 * ordered where the server lists protocols) unless
 * {@code junction.protocols.pairs.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "junction.protocols.pairs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PairsProperties.class)
public class PairsConfiguration {

	@Bean
	@Order(2)
	PairsRelayProtocol pairsRelayProtocol(RelayServices relayServices, PairsProperties pairsProperties) {
		return new PairsRelayProtocol(relayServices, pairsProperties);
	}

}
