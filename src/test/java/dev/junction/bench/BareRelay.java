package dev.junction.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ideal-JVM denominator: a plain Netty WebSocket server doing only what the benchmark
 * needs from Junction. On {@code /ws}, {@code create_room} and {@code join_room}
 * (answered with {@code room_created} and {@code room_joined}) and binary fan-out of one
 * retained frame to every other member; on {@code /relay/{id}}, the first two connections
 * are paired and their binary frames forwarded, with back-pressure by pausing reads; on
 * {@code /signaling}, {@code register} (answered with {@code registered_auth}) and
 * {@code peer_message} to a registered peer id, parsed and written again with Jackson as
 * a real relay must, or {@code PEER_NOT_IN_ROOM} for an unknown target. No auth, no
 * limits, no rooms in signaling, and no JSON parsing anywhere else.
 */
public final class BareRelay {

	private static final Pattern ROOM_CODE = Pattern.compile("\"room_code\":\"([A-Za-z0-9]+)\"");

	private static final AttributeKey<String> PATH = AttributeKey.valueOf("bench.path");

	private static final AttributeKey<Set<Channel>> ROOM = AttributeKey.valueOf("bench.room");

	private static final AttributeKey<Channel> PEER = AttributeKey.valueOf("bench.peer");

	private static final AttributeKey<String> ROOM_CODE_KEY = AttributeKey.valueOf("bench.roomCode");

	private static final AttributeKey<String> PEER_ID = AttributeKey.valueOf("bench.peerId");

	/** Numbers keep their exact text, so that a payload passes through unchanged. */
	private static final JsonMapper json = JsonMapper.builder()
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private final Map<String, Set<Channel>> rooms = new ConcurrentHashMap<>();

	private final Map<String, Channel> waiting = new ConcurrentHashMap<>();

	private final Map<String, Channel> signalingPeers = new ConcurrentHashMap<>();

	private final EventLoopGroup group;

	private final Channel server;

	private BareRelay(int port, int threads) throws InterruptedException {
		this.group = BenchSocket.group(threads);
		this.server = new ServerBootstrap().group(this.group)
			.channel(BenchSocket.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					ch.pipeline()
						.addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
								new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
									.websocketPath("/")
									.checkStartsWith(true)
									.maxFramePayloadLength(BenchSocket.MAX_FRAME)
									.build()),
								new WebSocketFrameAggregator(BenchSocket.MAX_FRAME), new Handler());
				}
			})
			.bind(port)
			.sync()
			.channel();
	}

	/**
	 * Starts a relay on the port (0 for any free one).
	 */
	public static BareRelay start(int port, int threads) throws InterruptedException {
		return new BareRelay(port, threads);
	}

	public int port() {
		return ((java.net.InetSocketAddress) this.server.localAddress()).getPort();
	}

	public void stop() {
		this.server.close().awaitUninterruptibly();
		this.group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
	}

	public static void main(String[] args) throws InterruptedException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 8081;
		int threads = (args.length > 1) ? Integer.parseInt(args[1]) : 1;
		BareRelay relay = start(port, threads);
		// Command-line output for whoever started the relay by hand: its port and pid.
		System.out.println("BareRelay listening on " + relay.port() + ", pid " + ProcessHandle.current().pid());
		relay.server.closeFuture().sync();
	}

	private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
			if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
				String path = handshake.requestUri().replaceFirst("\\?.*", "");
				ctx.channel().attr(PATH).set(path);
				if (path.startsWith("/relay/")) {
					pair(ctx.channel(), path);
				}
			}
			super.userEventTriggered(ctx, event);
		}

		private void pair(Channel channel, String path) {
			Channel first = BareRelay.this.waiting.remove(path);
			if (first == null) {
				BareRelay.this.waiting.put(path, channel);
				channel.config().setAutoRead(false);
				return;
			}
			first.attr(PEER).set(channel);
			channel.attr(PEER).set(first);
			first.eventLoop().execute(() -> first.config().setAutoRead(true));
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
			Channel channel = ctx.channel();
			if (frame instanceof TextWebSocketFrame text) {
				if ("/signaling".equals(channel.attr(PATH).get())) {
					signaling(channel, text.text());
				}
				else {
					room(channel, text.text());
				}
				return;
			}
			if (!(frame instanceof BinaryWebSocketFrame)) {
				return;
			}
			Channel peer = channel.attr(PEER).get();
			if (peer != null) {
				peer.writeAndFlush(frame.retainedDuplicate(), peer.voidPromise());
				if (!peer.isWritable()) {
					channel.config().setAutoRead(false);
				}
				return;
			}
			Set<Channel> room = channel.attr(ROOM).get();
			if (room != null) {
				for (Channel member : room) {
					if (member != channel) {
						member.writeAndFlush(new BinaryWebSocketFrame(frame.content().retainedDuplicate()),
								member.voidPromise());
					}
				}
			}
		}

		private void room(Channel channel, String text) {
			String code;
			if (text.contains("\"create_room\"")) {
				code = Integer.toString(ThreadLocalRandom.current().nextInt(0x1000000, 0x7fffffff), 36)
					.toUpperCase(Locale.ROOT);
			}
			else {
				Matcher matcher = ROOM_CODE.matcher(text);
				if (!text.contains("\"join_room\"") || !matcher.find()) {
					return;
				}
				code = matcher.group(1).toUpperCase(Locale.ROOT);
			}
			Set<Channel> room = BareRelay.this.rooms.compute(code, (key, members) -> {
				Set<Channel> joined = (members != null) ? members : new CopyOnWriteArraySet<>();
				joined.add(channel);
				return joined;
			});
			channel.attr(ROOM).set(room);
			channel.attr(ROOM_CODE_KEY).set(code);
			String reply = text.contains("\"create_room\"") ? "room_created" : "room_joined";
			channel.writeAndFlush(new TextWebSocketFrame(
					"{\"type\":\"" + reply + "\",\"payload\":{\"room_code\":\"" + code + "\"}}"));
		}

		private void signaling(Channel channel, String text) {
			JsonNode message;
			try {
				message = json.readTree(text);
			}
			catch (JacksonException ex) {
				return;
			}
			String type = message.path("type").asString("");
			if ("register".equals(type)) {
				String peerId = message.path("peer_id").asString("");
				BareRelay.this.signalingPeers.put(peerId, channel);
				channel.attr(PEER_ID).set(peerId);
				ObjectNode reply = json.createObjectNode().put("type", "registered_auth").put("peer_id", peerId);
				channel.writeAndFlush(new TextWebSocketFrame(json.writeValueAsString(reply)));
			}
			else if ("peer_message".equals(type)) {
				String to = message.path("to_peer_id").asString("");
				Channel target = BareRelay.this.signalingPeers.get(to);
				if (target == null) {
					ObjectNode error = json.createObjectNode()
						.put("type", "error")
						.put("code", "PEER_NOT_IN_ROOM")
						.put("message", "Target peer " + to + " not in same room");
					channel.writeAndFlush(new TextWebSocketFrame(json.writeValueAsString(error)));
					return;
				}
				ObjectNode forwarded = json.createObjectNode()
					.put("type", "peer_message")
					.put("from_peer_id", message.path("from_peer_id").asString(""))
					.put("to_peer_id", to)
					.set("payload", message.get("payload"));
				target.writeAndFlush(new TextWebSocketFrame(json.writeValueAsString(forwarded)), target.voidPromise());
			}
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
			Channel peer = ctx.channel().attr(PEER).get();
			if (peer != null && ctx.channel().isWritable()) {
				peer.eventLoop().execute(() -> peer.config().setAutoRead(true));
			}
			super.channelWritabilityChanged(ctx);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			String code = ctx.channel().attr(ROOM_CODE_KEY).get();
			if (code != null) {
				// The last member out removes the room, so that churn leaves nothing
				// behind.
				BareRelay.this.rooms.computeIfPresent(code, (key, members) -> {
					members.remove(ctx.channel());
					return members.isEmpty() ? null : members;
				});
			}
			String peerId = ctx.channel().attr(PEER_ID).get();
			if (peerId != null) {
				BareRelay.this.signalingPeers.remove(peerId, ctx.channel());
			}
			String path = ctx.channel().attr(PATH).get();
			if (path != null) {
				BareRelay.this.waiting.remove(path, ctx.channel());
			}
			Channel peer = ctx.channel().attr(PEER).get();
			if (peer != null) {
				peer.close();
			}
			super.channelInactive(ctx);
		}

	}

}
