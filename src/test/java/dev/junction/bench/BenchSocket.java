package dev.junction.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * A bare Netty WebSocket client connection for the load generator: binary frames in and
 * out as {@link ByteBuf}s, text frames handed over as strings.
 */
final class BenchSocket {

	static final int MAX_FRAME = 32 * 1024 * 1024;

	/** Whether the event loops run on epoll (else NIO). */
	static final boolean EPOLL = Epoll.isAvailable();

	private final Channel channel;

	private final Handler handler;

	private BenchSocket(Channel channel, Handler handler) {
		this.channel = channel;
		this.handler = handler;
	}

	/**
	 * An event-loop group on epoll when the platform has it, else NIO.
	 */
	static EventLoopGroup group(int threads) {
		return new MultiThreadIoEventLoopGroup(threads,
				EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
	}

	/**
	 * Connects and completes the WebSocket handshake, binding the socket to the given
	 * local address when it is not {@code null}.
	 */
	static BenchSocket connect(EventLoopGroup group, URI uri, String localAddress, Consumer<ByteBuf> onBinary,
			Consumer<String> onText) throws Exception {
		try {
			return connectAsync(group, uri, localAddress, onBinary, onText).get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	/**
	 * Starts connecting; the future completes once the WebSocket handshake has, or fails
	 * when the connection, the handshake or its 10 s timeout does. A bound local address
	 * gets its port at connect time (on epoll), so that many connections from one address
	 * share ports whose 4-tuples differ.
	 */
	static CompletableFuture<BenchSocket> connectAsync(EventLoopGroup group, URI uri, String localAddress,
			Consumer<ByteBuf> onBinary, Consumer<String> onText) {
		Handler handler = new Handler(onBinary, onText);
		Bootstrap bootstrap = new Bootstrap().group(group)
			.channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					ch.pipeline()
						.addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
								new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
										WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), MAX_FRAME)),
								new WebSocketFrameAggregator(MAX_FRAME), handler);
				}
			});
		if (localAddress != null && EPOLL) {
			bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
		}
		InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
		ChannelFuture connecting = (localAddress != null)
				? bootstrap.connect(remote, new InetSocketAddress(localAddress, 0)) : bootstrap.connect(remote);
		connecting.addListener((ChannelFuture connected) -> {
			if (!connected.isSuccess()) {
				handler.handshake.completeExceptionally(connected.cause());
			}
		});
		return handler.handshake.thenApply((ignored) -> new BenchSocket(connecting.channel(), handler));
	}

	Channel channel() {
		return this.channel;
	}

	/**
	 * Writes a binary frame; the buffer's reference passes to Netty.
	 */
	void sendBinary(ByteBuf payload, boolean flush) {
		if (flush) {
			this.channel.writeAndFlush(new BinaryWebSocketFrame(payload), this.channel.voidPromise());
		}
		else {
			this.channel.write(new BinaryWebSocketFrame(payload), this.channel.voidPromise());
		}
	}

	void sendText(String text) {
		this.channel.writeAndFlush(new TextWebSocketFrame(text), this.channel.voidPromise());
	}

	boolean closed() {
		return this.handler.closed;
	}

	/**
	 * Starts the closing handshake with status 1000; the returned future completes when
	 * the connection is closed (by the server's answer, or after Netty's close timeout).
	 */
	ChannelFuture closeNormally() {
		this.channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
			.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
		return this.channel.closeFuture();
	}

	void close() {
		this.channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

	private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {

		final CompletableFuture<Void> handshake = new CompletableFuture<>();

		private final Consumer<ByteBuf> onBinary;

		private final Consumer<String> onText;

		volatile boolean closed;

		Handler(Consumer<ByteBuf> onBinary, Consumer<String> onText) {
			this.onBinary = onBinary;
			this.onText = onText;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
			if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
				this.handshake.complete(null);
			}
			else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
				this.handshake.completeExceptionally(new IllegalStateException("handshake timed out"));
				ctx.close();
			}
			super.userEventTriggered(ctx, event);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
			if (frame instanceof BinaryWebSocketFrame) {
				this.onBinary.accept(frame.content());
			}
			else if (frame instanceof TextWebSocketFrame text) {
				this.onText.accept(text.text());
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			this.closed = true;
			this.handshake.completeExceptionally(new IllegalStateException("closed before the handshake"));
			super.channelInactive(ctx);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			this.handshake.completeExceptionally(cause);
			ctx.close();
		}

	}

}
