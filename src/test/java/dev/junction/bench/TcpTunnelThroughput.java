package dev.junction.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * Scenario S2 over raw TCP, the ceiling for the tunnel: what a plain TCP forwarder
 * (socat) does with the same traffic. Each frame is {@code [length][seq][body]}, with the
 * same body, window and checks as {@link TunnelThroughput}, and the result has the same
 * keys.
 *
 * <p>
 * The generator listens on a sink address for the receiving ends. Each pair's sender
 * connects to the forwarder, which connects on to the sink, and names its pair in a first
 * 4-byte frame; without a forwarder the senders connect straight to the sink (the
 * generator's own ceiling).
 */
final class TcpTunnelThroughput {

	private TcpTunnelThroughput() {
	}

	static TunnelThroughput.Result run(EventLoopGroup group, Settings settings) throws Exception {
		TunnelThroughput.Body body = TunnelThroughput.Body.random(settings.frameBytes());
		List<TunnelThroughput.Pair> pairs = new ArrayList<>();
		for (int p = 0; p < settings.pairs(); p++) {
			pairs.add(new TunnelThroughput.Pair(body, (frame) -> frame));
		}
		ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
		boolean epoll = BenchSocket.EPOLL;
		try {
			Channel sink = new ServerBootstrap().group(group)
				.channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
				.option(ChannelOption.SO_REUSEADDR, true)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel ch) {
						channels.add(ch);
						ch.pipeline()
							.addLast(new LengthFieldBasedFrameDecoder(BenchSocket.MAX_FRAME + 4, 0, 4, 0, 4),
									new Receiver(pairs));
					}
				})
				.bind(settings.sink())
				.sync()
				.channel();
			channels.add(sink);
			InetSocketAddress target = (settings.forwarder() != null) ? settings.forwarder()
					: (InetSocketAddress) sink.localAddress();
			Bootstrap bootstrap = new Bootstrap().group(group)
				.channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
				.option(ChannelOption.TCP_NODELAY, true)
				.handler(new LengthFieldPrepender(4));
			for (int p = 0; p < settings.pairs(); p++) {
				String source = settings.sourceAddresses().isEmpty() ? null
						: settings.sourceAddresses().get(p % settings.sourceAddresses().size());
				Channel sender = ((source != null) ? bootstrap.connect(target, new InetSocketAddress(source, 0))
						: bootstrap.connect(target))
					.sync()
					.channel();
				channels.add(sender);
				pairs.get(p).sender = sender;
				sender.writeAndFlush(Unpooled.buffer(4).writeInt(p));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!pairs.stream().allMatch((pair) -> pair.receiverConnected) && System.nanoTime() < deadline) {
				LockSupportPause.pause();
			}
			long connected = pairs.stream().filter((pair) -> pair.receiverConnected).count();
			if (connected < pairs.size()) {
				throw new IllegalStateException(
						"only " + connected + " of " + pairs.size() + " receivers reached the sink through " + target);
			}
			return TunnelThroughput.measure(pairs, settings.frameBytes(), settings.seconds(), settings.cpu());
		}
		finally {
			channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
	}

	/**
	 * The receiving end of one pair: its first frame names the pair, every later one is
	 * checked by it.
	 */
	private static final class Receiver extends SimpleChannelInboundHandler<ByteBuf> {

		private final List<TunnelThroughput.Pair> pairs;

		private TunnelThroughput.Pair pair;

		Receiver(List<TunnelThroughput.Pair> pairs) {
			this.pairs = pairs;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
			if (this.pair != null) {
				this.pair.onFrame(frame);
				return;
			}
			this.pair = this.pairs.get(frame.readInt());
			this.pair.receiverConnected = true;
		}

	}

	/**
	 * What one run asks for: the forwarder to connect to ({@code null} for straight to
	 * the sink) and the address the generator listens on for the receiving ends (port 0
	 * for any free one).
	 */
	record Settings(InetSocketAddress forwarder, InetSocketAddress sink, int pairs, int frameBytes, double seconds,
			List<String> sourceAddresses, CpuWindow cpu) {
	}

}
