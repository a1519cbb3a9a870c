package dev.junction.web;

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

	public JunctionWebSocketSession(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
			NettyDataBufferFactory bufferFactory, int maxFramePayloadLength) {
		super(inbound, outbound, info, bufferFactory, maxFramePayloadLength);
	}

	/**
	 * Close the TCP connection without waiting for anything.
	 */
	public void dispose() {
		getDelegate().getInbound().withConnection(reactor.netty.Connection::dispose);
	}

}
