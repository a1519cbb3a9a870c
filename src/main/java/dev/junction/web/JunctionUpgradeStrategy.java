package dev.junction.web;

import java.net.URI;
import java.util.function.Supplier;

import dev.junction.security.VerifiedToken;
import io.netty.channel.ChannelPipeline;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Upgrades on Reactor Netty with one endpoint's frame limit, and hands the handler a
 * {@link JunctionWebSocketSession}, with RFC 6455 enforced by {@link StrictFrames}. A
 * connection of an endpoint with in-band authentication that brought no handshake token
 * gets {@link PreAuthFrameLimit}'s small limit until it authenticates. Compression
 * (permessage-deflate) stays off: a relay forwards payloads it cannot usefully compress,
 * and deflate costs CPU and memory per connection. The session's handshake URI has no
 * query: the framework logs it when a session opens, and a query may carry the token.
 */
public class JunctionUpgradeStrategy implements RequestUpgradeStrategy {

	/** Netty's name for the WebSocket frame decoder in the pipeline. */
	private static final String DECODER = "wsdecoder";

	private final int maxFramePayloadLength;

	private final int preAuthFrameSize;

	public JunctionUpgradeStrategy(int maxFramePayloadLength) {
		this(maxFramePayloadLength, 0);
	}

	/**
	 * Upgrade with a frame limit, and a smaller one until the connection authenticates.
	 * @param maxFramePayloadLength the endpoint's frame limit
	 * @param preAuthFrameSize the limit of a connection without a handshake token until
	 * it authenticates in band, or 0 for none
	 */
	public JunctionUpgradeStrategy(int maxFramePayloadLength, int preAuthFrameSize) {
		this.maxFramePayloadLength = maxFramePayloadLength;
		this.preAuthFrameSize = preAuthFrameSize;
	}

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
			Supplier<HandshakeInfo> handshakeInfoFactory) {
		ServerHttpResponse response = exchange.getResponse();
		HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		HandshakeInfo handshakeInfo = withoutQuery(handshakeInfoFactory.get());
		NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
		WebsocketServerSpec.Builder builder = WebsocketServerSpec.builder()
			.maxFramePayloadLength(this.maxFramePayloadLength)
			.compress(false);
		if (subProtocol != null) {
			builder.protocols(subProtocol);
		}
		WebsocketServerSpec spec = builder.build();
		boolean authenticated = exchange.getAttributes().containsKey(VerifiedToken.ATTRIBUTE);
		return response.setComplete().then(Mono.defer(() -> reactorResponse.sendWebsocket((in, out) -> {
			// Runs on the event loop as the handshake completes, before any frame is
			// read.
			in.withConnection((connection) -> StrictFrames.install(connection.channel(), this.maxFramePayloadLength));
			PreAuthFrameLimit preAuth = (authenticated || this.preAuthFrameSize <= 0
					|| this.preAuthFrameSize >= this.maxFramePayloadLength) ? null
							: new PreAuthFrameLimit(this.preAuthFrameSize);
			if (preAuth != null) {
				// In front of the (strict) frame decoder, which keeps the handshaker's
				// name.
				in.withConnection((connection) -> {
					ChannelPipeline pipeline = connection.channel().pipeline();
					if (pipeline.get(DECODER) != null) {
						pipeline.addBefore(DECODER, PreAuthFrameLimit.NAME, preAuth);
					}
				});
			}
			JunctionWebSocketSession session = new JunctionWebSocketSession(in, out, handshakeInfo, bufferFactory,
					this.maxFramePayloadLength, preAuth);
			// What the filters resolved before the upgrade (the client address, the
			// verified token) goes with the session; nothing else of the request does.
			exchange.getAttributes().forEach((name, value) -> {
				if (name.startsWith("junction.") || name.startsWith("dev.junction.")) {
					session.getAttributes().put(name, value);
				}
			});
			return handler.handle(session);
		}, spec)));
	}

	private static HandshakeInfo withoutQuery(HandshakeInfo info) {
		URI uri = info.getUri();
		if (uri.getRawQuery() == null) {
			return info;
		}
		String text = uri.toString();
		URI path = URI.create(text.substring(0, text.indexOf('?')));
		return new HandshakeInfo(path, info.getHeaders(), info.getCookies(), info.getPrincipal(), info.getSubProtocol(),
				info.getRemoteAddress(), info.getAttributes(), info.getLogPrefix());
	}

}
