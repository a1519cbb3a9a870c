package dev.junction.web;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A Reactor Netty WebSocket session that can also drop its socket outright, for peers
 * that stop reading and so never complete a close handshake.
 */
public class JunctionWebSocketSession extends ReactorNettyWebSocketSession {

	private final @Nullable PreAuthFrameLimit preAuthFrameLimit;

	public JunctionWebSocketSession(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
			NettyDataBufferFactory bufferFactory, int maxFramePayloadLength) {
		this(inbound, outbound, info, bufferFactory, maxFramePayloadLength, null);
	}

	JunctionWebSocketSession(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
			NettyDataBufferFactory bufferFactory, int maxFramePayloadLength,
			@Nullable PreAuthFrameLimit preAuthFrameLimit) {
		super(inbound, outbound, info, bufferFactory, maxFramePayloadLength);
		this.preAuthFrameLimit = preAuthFrameLimit;
	}

	/**
	 * The connection has authenticated: frames up to the endpoint's full limit are
	 * accepted from now on.
	 */
	public void authenticated() {
		PreAuthFrameLimit limit = this.preAuthFrameLimit;
		if (limit != null) {
			limit.lift();
		}
	}

	/**
	 * Close the TCP connection without waiting for anything.
	 */
	public void dispose() {
		getDelegate().getInbound().withConnection(reactor.netty.Connection::dispose);
	}

}
