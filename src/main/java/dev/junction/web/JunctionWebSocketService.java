package dev.junction.web;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;

import dev.junction.core.ConnectionAttributes;
import dev.junction.core.NodeCounters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.netty.channel.EventLoop;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

/**
 * Serves every endpoint's upgrades: a plain GET gets 426 {@code Expected WebSocket}, a
 * draining node answers 503, a malformed handshake ({@link HandshakeHeaders}) answers 400
 * with one INFO line, an endpoint's own checks may refuse the request, and the handshake
 * then runs with that endpoint's frame limit.
 */
public class JunctionWebSocketService implements WebSocketService {

	private static final Log logger = LogFactory.getLog(JunctionWebSocketService.class);

	private final IdentityHashMap<WebSocketHandler, Served> served = new IdentityHashMap<>();

	private final NodeCounters counters;

	public JunctionWebSocketService(List<WebSocketEndpoint> endpoints, NodeCounters counters) {
		this.counters = counters;
		for (WebSocketEndpoint endpoint : endpoints) {
			HandshakeWebSocketService handshake = new HandshakeWebSocketService(
					new JunctionUpgradeStrategy(endpoint.maxFrameSize(), endpoint.preAuthFrameSize()));
			this.served.put(endpoint.handler(), new Served(endpoint, handshake));
		}
	}

	@Override
	public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
		Served target = this.served.get(handler);
		if (target == null) {
			return refuse(exchange, new HttpRefusal(HttpStatus.NOT_FOUND, "Not found"));
		}
		if (!isUpgrade(exchange)) {
			exchange.getResponse().getHeaders().set(HttpHeaders.UPGRADE, "websocket");
			return refuse(exchange, new HttpRefusal(HttpStatus.UPGRADE_REQUIRED, "Expected WebSocket"));
		}
		if (this.counters.draining().get()) {
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
			return refuse(exchange, new HttpRefusal(HttpStatus.SERVICE_UNAVAILABLE, "Server is restarting"));
		}
		HttpRefusal malformed = HandshakeHeaders.check(exchange.getRequest().getHeaders());
		if (malformed != null) {
			Object address = exchange.getAttributes().get(ConnectionAttributes.CLIENT_ADDRESS);
			logger.info("Refused an upgrade of " + exchange.getRequest().getPath().value() + " from "
					+ ((address != null) ? address : "unknown") + ": " + malformed.message());
			exchange.getResponse().getHeaders().set("Sec-WebSocket-Version", HandshakeHeaders.VERSION);
			return refuse(exchange, malformed);
		}
		return target.endpoint()
			.precheck()
			.apply(exchange)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			// A check that asked a networked store answers on that store's thread: the
			// handshake goes on where the request came in.
			.publishOn(requestLoop(exchange))
			.flatMap((refusal) -> refusal.isPresent() ? refuse(exchange, refusal.get())
					: target.handshake().handleRequest(exchange, handler));
	}

	/**
	 * The event loop of the request's channel, running tasks at once when already on it.
	 * @return a scheduler of that loop, or the immediate one when there is no server
	 * underneath (a mock request)
	 */
	static Scheduler requestLoop(ServerWebExchange exchange) {
		try {
			if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection) {
				EventLoop loop = connection.channel().eventLoop();
				return Schedulers.fromExecutor((task) -> {
					if (loop.inEventLoop()) {
						task.run();
					}
					else {
						loop.execute(task);
					}
				});
			}
		}
		catch (IllegalStateException ex) {
			// No server underneath.
		}
		return Schedulers.immediate();
	}

	static boolean isUpgrade(ServerWebExchange exchange) {
		return HttpMethod.GET.equals(exchange.getRequest().getMethod())
				&& "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
	}

	static Mono<Void> refuse(ServerWebExchange exchange, HttpRefusal refusal) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(refusal.status());
		response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
		byte[] body = refusal.message().getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private record Served(WebSocketEndpoint endpoint, HandshakeWebSocketService handshake) {

	}

}
