package dev.junction.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw TCP transport of scenario S2, tiny and short, straight to the generator's sink
 * and through a small blocking forwarder standing in for socat: everything sent arrives
 * once, in order, intact, and a corrupted byte is caught. No timing is asserted.
 */
class TcpTunnelThroughputTests {

	private static final int FRAME = 64 * 1024;

	private EventLoopGroup group;

	@BeforeEach
	void startClients() {
		this.group = BenchSocket.group(1);
	}

	@AfterEach
	void stopClients() {
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
	}

	@Test
	void framesStraightToTheSinkShouldArriveIntactAndInOrder() throws Exception {
		TunnelThroughput.Result result = TcpTunnelThroughput.run(this.group,
				settings(null, new InetSocketAddress("127.0.0.1", 0), 2));
		assertIntact(result);
	}

	@Test
	void framesThroughAForwarderShouldArriveIntactAndInOrder() throws Exception {
		InetSocketAddress sink = freeLoopbackAddress();
		try (Forwarder forwarder = new Forwarder(sink, -1)) {
			TunnelThroughput.Result result = TcpTunnelThroughput.run(this.group,
					settings(forwarder.address(), sink, 2));
			assertIntact(result);
			assertThat(forwarder.connections.get()).isEqualTo(2);
		}
	}

	@Test
	void aCorruptedBodyShouldCountAsABadChecksum() throws Exception {
		InetSocketAddress sink = freeLoopbackAddress();
		// Past the 8-byte pair frame and the whole first data frame: in the second body.
		try (Forwarder forwarder = new Forwarder(sink, 100_000)) {
			TunnelThroughput.Result result = TcpTunnelThroughput.run(this.group,
					settings(forwarder.address(), sink, 1));
			assertThat(result.frames()).isGreaterThan(2);
			assertThat(result.badChecksums()).isEqualTo(1);
			assertThat(result.outOfOrder()).isZero();
		}
	}

	private static TcpTunnelThroughput.Settings settings(InetSocketAddress forwarder, InetSocketAddress sink,
			int pairs) {
		return new TcpTunnelThroughput.Settings(forwarder, sink, pairs, FRAME, 0.2, List.of(), CpuWindow.none());
	}

	private static void assertIntact(TunnelThroughput.Result result) {
		assertThat(result.frames()).isPositive();
		assertThat(result.bytes()).isEqualTo(result.frames() * FRAME);
		assertThat(result.badChecksums()).isZero();
		assertThat(result.lost()).isZero();
		assertThat(result.outOfOrder()).isZero();
	}

	/**
	 * A loopback address with a port free right now (from the ephemeral range), for a
	 * sink the forwarder must know before the generator binds it, as socat must.
	 */
	private static InetSocketAddress freeLoopbackAddress() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new InetSocketAddress(probe.getInetAddress(), probe.getLocalPort());
		}
	}

	/**
	 * Stands in for socat: accepts on an ephemeral loopback port and forwards each
	 * connection to the sink, byte for byte, one blocking thread per direction; it can
	 * flip one byte of what a client sends.
	 */
	private static final class Forwarder implements AutoCloseable {

		private final InetSocketAddress sink;

		private final long corruptAt;

		private final ServerSocket server;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		final AtomicInteger connections = new AtomicInteger();

		Forwarder(InetSocketAddress sink, long corruptAt) throws IOException {
			this.sink = sink;
			this.corruptAt = corruptAt;
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			start("forwarder-accept", this::accept);
		}

		InetSocketAddress address() {
			return new InetSocketAddress(this.server.getInetAddress(), this.server.getLocalPort());
		}

		private void accept() {
			try {
				while (true) {
					Socket client = this.server.accept();
					Socket upstream = new Socket(this.sink.getAddress(), this.sink.getPort());
					this.sockets.add(client);
					this.sockets.add(upstream);
					this.connections.incrementAndGet();
					start("forwarder-up", () -> copy(client, upstream, this.corruptAt));
					start("forwarder-down", () -> copy(upstream, client, -1));
				}
			}
			catch (IOException ex) {
				// Closed: the test is over.
			}
		}

		private static void copy(Socket from, Socket to, long corruptAt) {
			byte[] buffer = new byte[64 * 1024];
			long position = 0;
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					if (corruptAt >= position && corruptAt < position + read) {
						buffer[(int) (corruptAt - position)] ^= 0x55;
					}
					out.write(buffer, 0, read);
					position += read;
				}
				to.shutdownOutput();
			}
			catch (IOException ex) {
				// Either side closed: the test is over.
			}
		}

		private static void start(String name, Runnable task) {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			thread.start();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

	}

}
