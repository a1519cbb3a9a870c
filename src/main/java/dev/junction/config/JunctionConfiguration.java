package dev.junction.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Broker;
import dev.junction.cluster.Directory;
import dev.junction.cluster.ExpiringStore;
import dev.junction.cluster.Presence;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryExpiringStore;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.core.ConnectionAdopter;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.NodeCounters;
import dev.junction.core.NodeId;
import dev.junction.core.RelayEvents;
import dev.junction.observability.JunctionMetrics;
import dev.junction.observability.UpgradeObservations;
import io.micrometer.core.instrument.MeterRegistry;
import dev.junction.core.OutboundLimits;
import dev.junction.protocol.pairs.PairsOptions;
import dev.junction.protocol.pairs.PairsWebSocketHandler;
import dev.junction.protocol.rooms.RoomsOptions;
import dev.junction.protocol.rooms.RoomsWebSocketHandler;
import dev.junction.protocol.tunnel.TunnelOptions;
import dev.junction.protocol.tunnel.TunnelWebSocketHandler;
import dev.junction.security.AuthFailures;
import dev.junction.security.AuthPolicy;
import dev.junction.security.ClaimScope;
import dev.junction.protocol.topics.TopicsOptions;
import dev.junction.protocol.topics.TopicsWebSocketHandler;
import dev.junction.protocol.signaling.SignalingWebSocketHandler;
import dev.junction.security.JwtVerifier;
import dev.junction.web.JunctionWebSocketService;
import dev.junction.web.RootWebSocketHandler;
import dev.junction.web.WebSocketBridge;
import dev.junction.web.WebSocketEndpoint;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;

/**
 * Wires the core, the cluster seam and every enabled protocol onto one port.
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
	Broker broker(JunctionProperties properties) {
		requireMemoryMode(properties);
		return new InMemoryBroker();
	}

	@Bean
	Presence presence() {
		return new InMemoryPresence();
	}

	@Bean
	Directory directory(Clock junctionClock) {
		return new InMemoryDirectory(junctionClock);
	}

	@Bean
	ChannelHub channelHub(NodeId nodeId, Broker broker, Presence presence) {
		return new ChannelHub(nodeId, broker, presence);
	}

	@Bean
	RelayEvents relayEvents(ObjectProvider<MeterRegistry> meterRegistry, ConnectionRegistry registry,
			NodeCounters counters) {
		MeterRegistry meters = meterRegistry.getIfAvailable();
		return (meters != null) ? new JunctionMetrics(meters, registry, counters) : RelayEvents.NONE;
	}

	@Bean
	WebSocketBridge webSocketBridge(ConnectionRegistry registry, NodeCounters counters, Scheduler junctionScheduler,
			JunctionProperties properties, RelayEvents relayEvents) {
		LimitsProperties limits = properties.getLimits();
		OutboundLimits outbound = new OutboundLimits(limits.getOutboundQueueMessages(),
				limits.getOutboundQueueBytes().toBytes());
		WebSocketBridge.InboundRates inbound = new WebSocketBridge.InboundRates(limits.getInboundMessagesPerSecond(),
				limits.getInboundBytesPerSecond().toBytes(), largestFrame(properties));
		return new WebSocketBridge(registry, counters, outbound, inbound, junctionScheduler,
				properties.getShutdown().getCloseTimeout(), relayEvents);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "junction.protocols.rooms.enabled", matchIfMissing = true)
	RoomsWebSocketHandler roomsWebSocketHandler(WebSocketBridge bridge, ChannelHub channelHub, Directory directory,
			NodeCounters counters, Scheduler junctionScheduler, JunctionProperties properties) {
		RoomsProperties rooms = properties.getRooms();
		RoomsOptions options = new RoomsOptions(rooms.getGracePeriod(), rooms.getFailedJoinLimit(),
				rooms.getFailedJoinPeriod(), properties.getLimits().getMaxRoomMembers(),
				properties.getLimits().getMaxRooms());
		return new RoomsWebSocketHandler(bridge, channelHub, directory, counters,
				protocolMapper(properties.maxFrameSize(properties.getProtocols().getRooms())), junctionScheduler,
				options);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "junction.protocols.pairs.enabled", matchIfMissing = true)
	PairsWebSocketHandler pairsWebSocketHandler(WebSocketBridge bridge, ChannelHub channelHub, NodeCounters counters,
			Clock junctionClock, JunctionProperties properties, RelayEvents relayEvents) {
		PairsProperties pairs = properties.getPairs();
		PairsOptions options = new PairsOptions(pairs.getMaxMessageSize().toBytes(), pairs.getInactivityTimeout(),
				pairs.getSweepInterval(), properties.getLimits().getMaxSessions());
		return new PairsWebSocketHandler(bridge, channelHub, counters,
				protocolMapper(properties.maxFrameSize(properties.getProtocols().getPairs())), junctionClock, options,
				relayEvents);
	}

	@Bean
	ExpiringStore expiringStore(Clock junctionClock) {
		return new InMemoryExpiringStore(junctionClock);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "junction.protocols.signaling.enabled", matchIfMissing = true)
	SignalingWebSocketHandler signalingWebSocketHandler(WebSocketBridge bridge, ChannelHub channelHub,
			Directory directory, Presence presence, ExpiringStore expiringStore, NodeCounters counters,
			JwtVerifier jwtVerifier, Clock junctionClock, Scheduler junctionScheduler, JunctionProperties properties,
			AuthFailures authFailures, RelayEvents relayEvents) {
		return new SignalingWebSocketHandler(bridge, channelHub, directory, presence, expiringStore, counters,
				protocolMapper(signalingFrameSize(properties)), jwtVerifier, junctionClock, junctionScheduler,
				SignalingWiring.options(properties), SignalingWiring.limits(properties), authFailures, relayEvents);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "junction.protocols.signaling.enabled", matchIfMissing = true)
	RouterFunction<ServerResponse> signalingRoutes(SignalingWebSocketHandler signalingWebSocketHandler) {
		return signalingWebSocketHandler.httpRoutes();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "junction.protocols.tunnel.enabled", matchIfMissing = true)
	TunnelWebSocketHandler tunnelWebSocketHandler(WebSocketBridge bridge, Directory directory, JwtVerifier jwtVerifier,
			NodeCounters counters, Scheduler junctionScheduler, Clock junctionClock, JunctionProperties properties,
			RelayEvents relayEvents, AuthFailures authFailures) {
		TunnelProperties tunnel = properties.getTunnel();
		TunnelOptions options = new TunnelOptions(tunnel.getBufferSize().toBytes(), tunnel.getWaitTimeout(),
				tunnel.getAuthTimeout(), tunnel.getIdleTimeout(), properties.getSecurity().isRequireSessionClaim());
		return new TunnelWebSocketHandler(bridge, directory, jwtVerifier, counters,
				protocolMapper(properties.maxFrameSize(properties.getProtocols().getTunnel())), junctionScheduler,
				junctionClock, options, relayEvents, authFailures);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "junction.protocols.topics.enabled", matchIfMissing = true)
	TopicsWebSocketHandler topicsWebSocketHandler(WebSocketBridge bridge, ChannelHub channelHub, NodeCounters counters,
			Clock junctionClock, JunctionProperties properties) {
		TopicsOptions options = new TopicsOptions(properties.getTopics().getStatsInterval());
		return new TopicsWebSocketHandler(bridge, channelHub, counters,
				protocolMapper(properties.maxFrameSize(properties.getProtocols().getTopics())), junctionClock, options);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "junction.root.enabled", matchIfMissing = true)
	RootWebSocketHandler rootWebSocketHandler(WebSocketBridge bridge, ObjectProvider<TopicsWebSocketHandler> topics,
			ObjectProvider<SignalingWebSocketHandler> signaling, Scheduler junctionScheduler,
			JunctionProperties properties) {
		Map<String, ConnectionAdopter> protocols = new LinkedHashMap<>();
		Set<String> needingToken = new HashSet<>();
		// Signaling's token comes in register itself, so it never needs one at the
		// handshake.
		// A handshake token is scoped like on the protocol's own path, where the protocol
		// looks at tokens at all.
		signaling.ifAvailable((handler) -> protocols.put("register",
				(properties.getProtocols().getSignaling().getAuth() != AuthPolicy.NONE)
						? ClaimScope.guard(SignalingWebSocketHandler.PROTOCOL, handler) : handler));
		topics.ifAvailable((handler) -> {
			protocols.put("join", (properties.getProtocols().getTopics().getAuth() != AuthPolicy.NONE)
					? ClaimScope.guard(TopicsWebSocketHandler.PROTOCOL, handler) : handler);
			if (properties.getProtocols().getTopics().getAuth() == AuthPolicy.REQUIRED) {
				needingToken.add("join");
			}
		});
		RootProperties root = properties.getRoot();
		return new RootWebSocketHandler(bridge, protocols, needingToken,
				protocolMapper(properties.maxFrameSize(properties.getProtocols().getTopics())), junctionScheduler,
				root.getMaxFrames(), root.getTimeout());
	}

	@Bean
	List<WebSocketEndpoint> webSocketEndpoints(JunctionProperties properties,
			ObjectProvider<RoomsWebSocketHandler> rooms, ObjectProvider<PairsWebSocketHandler> pairs,
			ObjectProvider<TopicsWebSocketHandler> topics, ObjectProvider<TunnelWebSocketHandler> tunnel,
			ObjectProvider<RootWebSocketHandler> root, ObjectProvider<SignalingWebSocketHandler> signaling) {
		List<WebSocketEndpoint> endpoints = new ArrayList<>();
		ProtocolsProperties protocols = properties.getProtocols();
		rooms.ifAvailable((handler) -> endpoints.add(new WebSocketEndpoint(RoomsWebSocketHandler.PROTOCOL,
				protocols.getRooms().pathsOr(List.of("/ws", "/room/**")), handler,
				properties.maxFrameSize(protocols.getRooms()))));
		pairs
			.ifAvailable(
					(handler) -> endpoints.add(new WebSocketEndpoint(
							PairsWebSocketHandler.PROTOCOL, PairsWebSocketHandler.PATHS, handler, Math
								.max(properties.maxFrameSize(protocols.getPairs()),
										(int) Math.min(Integer.MAX_VALUE,
												properties.getPairs().getMaxMessageSize().toBytes())),
							handler::precheck)));
		int unauthenticated = (int) Math.min(Integer.MAX_VALUE,
				properties.getLimits().getUnauthenticatedFrameSize().toBytes());
		signaling.ifAvailable((handler) -> endpoints.add(new WebSocketEndpoint(SignalingWebSocketHandler.PROTOCOL,
				protocols.getSignaling().pathsOr(List.of(SignalingWebSocketHandler.PATH)), handler,
				signalingFrameSize(properties), (exchange) -> Optional.empty(), unauthenticated)));
		tunnel.ifAvailable((handler) -> endpoints
			.add(new WebSocketEndpoint(TunnelWebSocketHandler.PROTOCOL, List.of(TunnelWebSocketHandler.PATH), handler,
					properties.maxFrameSize(protocols.getTunnel()), handler::precheck, unauthenticated)));
		topics.ifAvailable((handler) -> endpoints.add(new WebSocketEndpoint(TopicsWebSocketHandler.PROTOCOL,
				protocols.getTopics().pathsOr(TopicsWebSocketHandler.PATHS), handler,
				properties.maxFrameSize(protocols.getTopics()))));
		root.ifAvailable(
				(handler) -> endpoints.add(new WebSocketEndpoint(RootWebSocketHandler.PROTOCOL, List.of("/"), handler,
						Math.max(properties.maxFrameSize(protocols.getTopics()),
								properties.maxFrameSize(protocols.getSignaling())),
						(exchange) -> Optional.empty(), unauthenticated)));
		return endpoints;
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

	/**
	 * The JSON mapper of the wire protocols: compact output in declaration order, and a
	 * string limit that fits the largest frame (Jackson's default is smaller than the 16
	 * MiB frames clients send).
	 */
	static ObjectMapper protocolMapper(int maxFrameSize) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxStringLength(Math.max(maxFrameSize, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
			.build();
		return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).build();
	}

	/**
	 * Signaling's frame limit: its own setting, else 1 MiB (not the global limit).
	 */
	private static int signalingFrameSize(JunctionProperties properties) {
		ProtocolProperties signaling = properties.getProtocols().getSignaling();
		return (signaling.getMaxFrameSize() != null) ? properties.maxFrameSize(signaling)
				: SignalingWiring.DEFAULT_MAX_FRAME_SIZE;
	}

	private static long largestFrame(JunctionProperties properties) {
		ProtocolsProperties protocols = properties.getProtocols();
		long largest = properties.getPairs().getMaxMessageSize().toBytes();
		for (String name : List.of("rooms", "pairs", "signaling", "tunnel", "topics")) {
			largest = Math.max(largest, properties.maxFrameSize(protocols.byName(name)));
		}
		return largest;
	}

	private static void requireMemoryMode(JunctionProperties properties) {
		if (!"memory".equals(properties.getCluster().getMode())) {
			throw new IllegalStateException("junction.cluster.mode=" + properties.getCluster().getMode()
					+ " is not supported by this release; use 'memory' (the Redis backplane is not built yet)");
		}
	}

}
