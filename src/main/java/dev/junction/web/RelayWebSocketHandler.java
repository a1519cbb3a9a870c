package dev.junction.web;

import java.util.List;

import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.UpgradeRequest;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Spring's handler of one protocol's upgraded sessions: each session becomes a core
 * connection that the protocol takes over.
 */
public class RelayWebSocketHandler implements WebSocketHandler {

	private final RelayProtocol protocol;

	private final WebSocketBridge bridge;

	public RelayWebSocketHandler(RelayProtocol protocol, WebSocketBridge bridge) {
		this.protocol = protocol;
		this.bridge = bridge;
	}

	@Override
	public List<String> getSubProtocols() {
		return this.protocol.subprotocols();
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		UpgradeRequest request = UpgradeRequests.of(session);
		return this.bridge.serve(session, this.protocol.name(),
				(connection) -> this.protocol.open(connection, request));
	}

	RelayProtocol protocol() {
		return this.protocol;
	}

}
