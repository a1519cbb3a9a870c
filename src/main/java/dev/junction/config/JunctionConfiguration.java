package dev.junction.config;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.junction.channel.ChannelHub;
import dev.junction.channel.NodeReaper;
import dev.junction.cluster.Broker;
import dev.junction.cluster.Directory;
import dev.junction.cluster.ExpiringStore;
import dev.junction.cluster.Presence;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryExpiringStore;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.NodeCounters;
import dev.junction.core.NodeId;
import dev.junction.core.OutboundLimits;
import dev.junction.core.RelayEvents;
import dev.junction.observability.JunctionMetrics;
import dev.junction.observability.ProtocolMeters;
import dev.junction.observability.UpgradeObservations;
import dev.junction.protocol.ProtocolSettings;
import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.RelayServices;
import dev.junction.security.AuthFailures;
import dev.junction.security.ClaimScope;
import dev.junction.security.JwtVerifier;
import dev.junction.web.JunctionWebSocketService;
import dev.junction.web.WebSocketBridge;
import dev.junction.web.WebSocketEndpoint;
import dev.junction.web.WebSocketEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;

/**
 * Wires the core, the cluster seams and every served protocol onto one port. Each
 * protocol package contributes its {@link RelayProtocol} bean; everything here loops over
 * them.
 */
@Configuration(proxyBeanMethods = false)
public class JunctionConfiguration {

	@Bean
	UpgradeObservations upgradeObservations() {
		return new UpgradeObservations();
	}

	@Bean
	NodeId nodeId() {
		return NodeId.random();
	}

	@Bean
	ConnectionRegistry connectionRegistry(NodeId nodeId) {
		return new ConnectionRegistry(nodeId);
	}

	@Bean
	NodeCounters nodeCounters() {
		return new NodeCounters();
	}

	@Bean
	MemoryReturn memoryReturn(JunctionProperties properties) {
		return new MemoryReturn(properties.getMemory());
	}

	@Bean
	Clock junctionClock() {
		return Clock.systemUTC();
	}

	@Bean
	Scheduler junctionScheduler() {
		return Schedulers.parallel();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(MemoryClusterCondition.class)
	Broker broker(JunctionProperties properties) {
		// Binds the properties, so that a mode other than memory or redis fails here.
		properties.getCluster().getMode();
		return new InMemoryBroker();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(MemoryClusterCondition.class)
	Presence presence() {
		return new InMemoryPresence();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(MemoryClusterCondition.class)
	ExpiringStore expiringStore(Clock junctionClock) {
		return new InMemoryExpiringStore(junctionClock);
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(MemoryClusterCondition.class)
	Directory directory(Clock junctionClock) {
		return new InMemoryDirectory(junctionClock);
	}

	@Bean(initMethod = "start", destroyMethod = "stop")
	ChannelHub channelHub(NodeId nodeId, Broker broker, Presence presence, ConnectionRegistry connectionRegistry) {
		return new ChannelHub(nodeId, broker, presence, connectionRegistry);
	}

	@Bean
	NodeReaper nodeReaper(ChannelHub channelHub, Presence presence, Directory directory) {
		return new NodeReaper(channelHub, presence, directory);
	}

	@Bean
	RelayEvents relayEvents(ObjectProvider<MeterRegistry> meterRegistry, ConnectionRegistry registry,
			NodeCounters counters) {
		MeterRegistry meters = meterRegistry.getIfAvailable();
		return (meters != null) ? new JunctionMetrics(meters, registry, counters) : RelayEvents.NONE;
	}

	@Bean
	SmartInitializingSingleton protocolMeters(ObjectProvider<MeterRegistry> meterRegistry, RelayEvents relayEvents,
			List<RelayProtocol> protocols, List<WebSocketEndpoint> webSocketEndpoints) {
		List<String> endpoints = webSocketEndpoints.stream()
			.map(WebSocketEndpoint::protocol)
			.filter((name) -> protocols.stream().noneMatch((protocol) -> protocol.name().equals(name)))
			.toList();
		return () -> meterRegistry
			.ifAvailable((registry) -> ProtocolMeters.register(registry, relayEvents, protocols, endpoints));
	}

	/**
	 * Which protocols a token opens, from every served protocol's binding claims.
	 */
	@Bean
	ClaimScope claimScope(ObjectProvider<RelayProtocol> protocols) {
		return new ClaimScope(() -> {
			Map<String, Set<String>> claims = new LinkedHashMap<>();
			protocols.orderedStream().forEach((protocol) -> claims.put(protocol.name(), protocol.bindingClaims()));
			return claims;
		});
	}

	@Bean
	RelayServices relayServices(ChannelHub channelHub, Directory directory, Presence presence,
			ExpiringStore expiringStore, JwtVerifier jwtVerifier, ClaimScope claimScope, AuthFailures authFailures,
			RelayEvents relayEvents, Scheduler junctionScheduler, Clock junctionClock, JunctionProperties properties) {
		return new RelayServices(channelHub, directory, presence, expiringStore, jwtVerifier, claimScope, authFailures,
				relayEvents, junctionScheduler, junctionClock, properties.getLimits().getMaxFrameSize(),
				properties.getSecurity().isRequireSessionClaim());
	}

	@Bean
	WebSocketBridge webSocketBridge(ConnectionRegistry registry, NodeCounters counters, Scheduler junctionScheduler,
			JunctionProperties properties, RelayEvents relayEvents, List<RelayProtocol> protocols) {
		LimitsProperties limits = properties.getLimits();
		OutboundLimits outbound = new OutboundLimits(limits.getOutboundQueueMessages(),
				limits.getOutboundQueueBytes().toBytes());
		long largestFrame = ProtocolSettings.toInt(limits.getMaxFrameSize());
		for (RelayProtocol protocol : protocols) {
			largestFrame = Math.max(largestFrame, protocol.maxFrameSize(limits.getMaxFrameSize()));
		}
		WebSocketBridge.InboundRates inbound = new WebSocketBridge.InboundRates(limits.getInboundMessagesPerSecond(),
				limits.getInboundBytesPerSecond().toBytes(), largestFrame);
		return new WebSocketBridge(registry, counters, outbound, inbound, junctionScheduler,
				properties.getShutdown().getCloseTimeout(), relayEvents);
	}

	@Bean
	List<WebSocketEndpoint> webSocketEndpoints(List<RelayProtocol> protocols, WebSocketBridge bridge,
			ClaimScope claimScope, Scheduler junctionScheduler, JunctionProperties properties) {
		RootProperties root = properties.getRoot();
		return WebSocketEndpoints.of(protocols, bridge,
				new WebSocketEndpoints.Settings(properties.getLimits().getMaxFrameSize(),
						ProtocolSettings.toInt(properties.getLimits().getUnauthenticatedFrameSize()), claimScope,
						junctionScheduler, root.isEnabled(), root.getMaxFrames(), root.getTimeout()));
	}

	/**
	 * The protocols' plain HTTP routes (signaling's, today).
	 */
	@Bean
	RouterFunction<ServerResponse> protocolRoutes(List<RelayProtocol> protocols) {
		RouterFunction<ServerResponse> routes = RouterFunctions.route((request) -> false,
				(request) -> ServerResponse.notFound().build());
		for (RelayProtocol protocol : protocols) {
			RouterFunction<ServerResponse> own = protocol.routes();
			if (own != null) {
				routes = routes.and(own);
			}
		}
		return routes;
	}

	@Bean
	JunctionWebSocketService junctionWebSocketService(List<WebSocketEndpoint> webSocketEndpoints,
			NodeCounters counters) {
		return new JunctionWebSocketService(webSocketEndpoints, counters);
	}

	@Bean
	SimpleUrlHandlerMapping webSocketHandlerMapping(List<WebSocketEndpoint> webSocketEndpoints) {
		Map<String, WebSocketHandler> urls = new LinkedHashMap<>();
		for (WebSocketEndpoint endpoint : webSocketEndpoints) {
			endpoint.paths().forEach((path) -> urls.put(path, endpoint.handler()));
		}
		// After the router functions, so that a plain GET / reaches the health document
		// and only upgrades reach the WebSocket endpoint there.
		return new SimpleUrlHandlerMapping(urls, 0);
	}

	@Bean
	WebFluxConfigurer junctionWebFluxConfigurer(JunctionWebSocketService junctionWebSocketService) {
		return new WebFluxConfigurer() {

			@Override
			public WebSocketService getWebSocketService() {
				return junctionWebSocketService;
			}

		};
	}

}
