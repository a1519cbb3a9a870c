package dev.junction.web;

import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * A Reactor Netty WebSocket session that can also drop its socket outright, for peers
 * that stop reading and so never complete a close handshake, and that knows how many
 * outbound bytes it holds: frames taken from the connection's queue that have not reached
 * the channel yet, and the channel's outbound buffer, which only the kernel drains.
 */
public class JunctionWebSocketSession extends ReactorNettyWebSocketSession {

	private static final String WATCHER = "junction.outboundWatcher";

	private final AtomicLong onTheWay = new AtomicLong();

	private @Nullable Channel channel;

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
		inbound.withConnection((connection) -> {
			this.channel = connection.channel();
			connection.addHandlerLast(WATCHER, new OutboundWatcher());
		});
	}

	/**
	 * The connection has authenticated: frames up to the endpoint's full limit are
	 * accepted from now on.
	 */
	/**
	 * The close code a handler below this session sent, if one closed the connection.
	 * @return the code, or {@code null}
	 */
	public @Nullable Integer serverCloseCode() {
		return ServerCloses.recorded(this.channel);
	}

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

	/**
	 * Count a frame taken from the connection's queue for writing, until it reaches the
	 * channel's outbound buffer.
	 * @param bytes its payload size
	 */
	void taken(long bytes) {
		this.onTheWay.addAndGet(bytes);
	}

	/**
	 * Outbound bytes not yet written to the kernel.
	 * @return frames on their way to the channel plus the channel's outbound buffer
	 */
	long pendingBytes() {
		long pending = Math.max(0, this.onTheWay.get());
		Channel current = this.channel;
		if (current != null) {
			ChannelOutboundBuffer buffer = current.unsafe().outboundBuffer();
			if (buffer != null) {
				pending += buffer.totalPendingWriteBytes();
			}
		}
		return pending;
	}

	/**
	 * Sees each data frame as the writer hands it to the channel, before it is encoded:
	 * from then on the channel's outbound buffer counts it.
	 */
	private final class OutboundWatcher extends ChannelDuplexHandler {

		@Override
		public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
			long size = (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame
					|| message instanceof PingWebSocketFrame) ? ((ByteBufHolder) message).content().readableBytes() : 0;
			ctx.write(message, promise);
			if (size > 0) {
				JunctionWebSocketSession.this.onTheWay.addAndGet(-size);
			}
		}

	}

}
