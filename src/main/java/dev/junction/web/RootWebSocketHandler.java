package dev.junction.web;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.junction.core.ConnectionAdopter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The bare-host WebSocket endpoint {@code /} (the README's protocol table): legacy
 * signaling and topics clients connect there, and the type of their first text frame
 * picks the protocol ({@code register} for signaling, {@code join} for topics).
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
	 * @param typesNeedingToken first-frame types whose protocol requires a handshake
	 * token
	 * @param mapper the JSON mapper
	 * @param scheduler the scheduler of the choice timeout
	 * @param maxFrames frames a client may send before it has chosen (then 1008)
	 * @param timeout time a client has to choose (then 1008)
	 */
	public RootWebSocketHandler(WebSocketBridge bridge, Map<String, ConnectionAdopter> protocols,
			Set<String> typesNeedingToken, ObjectMapper mapper, Scheduler scheduler, int maxFrames, Duration timeout) {
		this.bridge = bridge;
		this.settings = new RootDispatch.Settings(Map.copyOf(protocols), Set.copyOf(typesNeedingToken), mapper,
				scheduler, maxFrames, timeout);
	}

	@Override
	public java.util.List<String> getSubProtocols() {
		return java.util.List.of("bearer");
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		Map<String, Object> attributes = Map.copyOf(session.getAttributes());
		return this.bridge.serve(session, PROTOCOL,
				(connection) -> new RootDispatch(connection, attributes, this.settings));
	}

}
