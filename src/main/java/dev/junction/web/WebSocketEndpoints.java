package dev.junction.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junction.protocol.ProtocolJson;
import dev.junction.protocol.RelayProtocol;
import dev.junction.security.ClaimScope;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.util.unit.DataSize;

/**
 * Adapts the served protocols to Spring's WebSocket handlers: one endpoint per protocol,
 * and the bare-host endpoint {@code /} for the protocols whose legacy clients connect
 * there.
 */
public final class WebSocketEndpoints {

	private WebSocketEndpoints() {
	}

	/**
	 * The endpoints of the protocols.
	 * @param protocols the served protocols
	 * @param bridge the WebSocket bridge
	 * @param settings the node-wide settings the endpoints need
	 * @return one endpoint per protocol, then {@code /} when enabled and some protocol is
	 * served there
	 */
	public static List<WebSocketEndpoint> of(List<RelayProtocol> protocols, WebSocketBridge bridge, Settings settings) {
		List<WebSocketEndpoint> endpoints = new ArrayList<>();
		int unauthenticated = settings.unauthenticatedFrameSize();
		Map<String, RelayProtocol> byRootType = new LinkedHashMap<>();
		int rootFrameSize = 0;
		for (RelayProtocol protocol : protocols) {
			if (!protocol.settings().isEnabled()) {
				continue;
			}
			int maxFrameSize = protocol.maxFrameSize(settings.maxFrameSize());
			endpoints.add(new WebSocketEndpoint(protocol.name(), protocol.paths(),
					new RelayWebSocketHandler(protocol, bridge), maxFrameSize,
					(exchange) -> protocol.precheck(UpgradeRequests.of(exchange)).map(HttpRefusal::of),
					protocol.inBandToken() ? unauthenticated : 0));
			String rootType = protocol.rootMessageType();
			if (rootType != null) {
				byRootType.put(rootType, protocol);
				rootFrameSize = Math.max(rootFrameSize, maxFrameSize);
			}
		}
		if (settings.rootEnabled() && !byRootType.isEmpty()) {
			RootWebSocketHandler root = new RootWebSocketHandler(bridge, byRootType, settings.claimScope(),
					ProtocolJson.mapper(rootFrameSize), settings.scheduler(), settings.rootMaxFrames(),
					settings.rootTimeout());
			endpoints.add(new WebSocketEndpoint(RootWebSocketHandler.PROTOCOL, List.of("/"), root, rootFrameSize,
					(exchange) -> Mono.empty(), unauthenticated));
		}
		return endpoints;
	}

	/**
	 * The node-wide settings of the endpoints.
	 *
	 * @param maxFrameSize {@code junction.limits.max-frame-size}
	 * @param unauthenticatedFrameSize the frame limit before in-band authentication
	 * @param claimScope which protocols a token opens
	 * @param scheduler the node's scheduler
	 * @param rootEnabled whether {@code /} accepts upgrades
	 * @param rootMaxFrames frames a client of {@code /} may send before it picks a
	 * protocol
	 * @param rootTimeout time a client of {@code /} has to pick a protocol
	 */
	public record Settings(DataSize maxFrameSize, int unauthenticatedFrameSize, ClaimScope claimScope,
			Scheduler scheduler, boolean rootEnabled, int rootMaxFrames, Duration rootTimeout) {
	}

}
