package dev.junction.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.UpgradeRequest;
import dev.junction.security.ClaimScope;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The bare-host WebSocket endpoint {@code /} (the README's protocol table): legacy
 * clients of the protocols that name a {@link RelayProtocol#rootMessageType()} connect
 * there, and the type of their first text frame picks the protocol ({@code register} for
 * signaling, {@code join} for topics).
 */
public class RootWebSocketHandler implements WebSocketHandler {

	/** The endpoint's name in logs and meters until a protocol is chosen. */
	public static final String PROTOCOL = "root";

	private final WebSocketBridge bridge;

	private final RootDispatch.Settings settings;

	/**
	 * Create the endpoint.
	 * @param bridge the WebSocket bridge
	 * @param protocols the protocol for each first-frame type
	 * @param claimScope which protocols a handshake token opens
	 * @param mapper the JSON mapper
	 * @param scheduler the scheduler of the choice timeout
	 * @param maxFrames frames a client may send before it has chosen (then 1008)
	 * @param timeout time a client has to choose (then 1008)
	 */
	public RootWebSocketHandler(WebSocketBridge bridge, Map<String, RelayProtocol> protocols, ClaimScope claimScope,
			ObjectMapper mapper, Scheduler scheduler, int maxFrames, Duration timeout) {
		this.bridge = bridge;
		this.settings = new RootDispatch.Settings(Map.copyOf(protocols), claimScope, mapper, scheduler, maxFrames,
				timeout);
	}

	@Override
	public List<String> getSubProtocols() {
		return List.of("bearer");
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		UpgradeRequest request = UpgradeRequests.of(session);
		return this.bridge.serve(session, PROTOCOL,
				(connection) -> new RootDispatch(connection, request, this.settings));
	}

}
