package dev.junction.web;

import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * One protocol's place on the server: its paths, its handler, the largest frame its
 * decoder accepts, and the checks made before an upgrade.
 *
 * @param protocol the protocol name (rooms, pairs, ...)
 * @param paths the path patterns it is served on
 * @param handler the handler of upgraded connections
 * @param maxFrameSize the largest frame accepted; larger ones close the connection 1009
 * @param precheck an HTTP refusal for a request that must not be upgraded, or an empty
 * {@code Mono}; never blocks
 * @param preAuthFrameSize the largest frame of a connection without a handshake token
 * until it authenticates in band (larger ones close it 1009), or 0 when the endpoint has
 * no in-band authentication
 */
public record WebSocketEndpoint(String protocol, List<String> paths, WebSocketHandler handler, int maxFrameSize,
		Function<ServerWebExchange, Mono<HttpRefusal>> precheck, int preAuthFrameSize) {

	public WebSocketEndpoint(String protocol, List<String> paths, WebSocketHandler handler, int maxFrameSize) {
		this(protocol, paths, handler, maxFrameSize, (exchange) -> Mono.empty(), 0);
	}

	public WebSocketEndpoint(String protocol, List<String> paths, WebSocketHandler handler, int maxFrameSize,
			Function<ServerWebExchange, Mono<HttpRefusal>> precheck) {
		this(protocol, paths, handler, maxFrameSize, precheck, 0);
	}

}
