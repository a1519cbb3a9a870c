package dev.junction.protocol.rooms;

import dev.junction.protocol.RelayServices;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Serves the rooms protocol (its {@link dev.junction.protocol.RelayProtocol} bean,
 * ordered where the server lists protocols) unless
 * {@code junction.protocols.rooms.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "junction.protocols.rooms.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RoomsProperties.class)
public class RoomsConfiguration {

	@Bean
	@Order(1)
	RoomsRelayProtocol roomsRelayProtocol(RelayServices relayServices, RoomsProperties roomsProperties) {
		return new RoomsRelayProtocol(relayServices, roomsProperties);
	}

}
