package dev.junction.protocol.tunnel;

import dev.junction.cluster.Pipes;
import dev.junction.core.NodeId;
import dev.junction.protocol.RelayServices;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Serves the tunnel protocol (its {@link dev.junction.protocol.RelayProtocol} bean,
 * ordered where the server lists protocols) unless
 * {@code junction.protocols.tunnel.enabled=false}. Sessions cross nodes through the
 * {@link Pipes} bean when there is one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "junction.protocols.tunnel.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TunnelProperties.class)
public class TunnelConfiguration {

	@Bean
	@Order(4)
	TunnelRelayProtocol tunnelRelayProtocol(RelayServices relayServices, TunnelProperties tunnelProperties,
			ObjectProvider<Pipes> pipes, NodeId nodeId) {
		return new TunnelRelayProtocol(relayServices, tunnelProperties, pipes.getIfAvailable(), nodeId.value());
	}

}
