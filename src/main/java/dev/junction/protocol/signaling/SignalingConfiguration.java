package dev.junction.protocol.signaling;

import dev.junction.protocol.RelayServices;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Serves the signaling protocol (its {@link dev.junction.protocol.RelayProtocol} bean,
 * ordered where the server lists protocols) unless
 * {@code junction.protocols.signaling.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "junction.protocols.signaling.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SignalingProperties.class)
public class SignalingConfiguration {

	@Bean
	@Order(3)
	SignalingRelayProtocol signalingRelayProtocol(RelayServices relayServices,
			SignalingProperties signalingProperties) {
		return new SignalingRelayProtocol(relayServices, signalingProperties);
	}

}
