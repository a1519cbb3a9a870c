package dev.junction.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;

/**
 * Scenario S2: pairs of tunnel peers through {@code /relay/{id}}, one side of each pair
 * sending frames as fast as the other drains them, the receiver checking order and a
 * CRC32 of every frame's body.
 */
final class TunnelThroughput {

	/** Frames a sender may have written ahead of what its receiver has read. */
	private static final int WINDOW = 16;

	private TunnelThroughput() {
	}

	static Result run(EventLoopGroup group, Settings settings) throws Exception {
		Body body = Body.random(settings.frameBytes());
		List<Pair> pairs = new ArrayList<>();
		List<BenchSocket> sockets = new ArrayList<>();
		try {
			for (int p = 0; p < settings.pairs(); p++) {
				Pair pair = new Pair(body, BinaryWebSocketFrame::new);
				String source = settings.sourceAddresses().isEmpty() ? null
						: settings.sourceAddresses().get(p % settings.sourceAddresses().size());
				BenchSocket sender = BenchSocket.connect(group, settings.uriForPair().apply(p), source,
						ByteBuf::release, (text) -> {
						});
				sockets.add(sender);
				pair.sender = sender.channel();
				sockets.add(BenchSocket.connect(group, settings.receiverUriForPair().apply(p), source, pair::onFrame,
						(text) -> {
						}));
				pairs.add(pair);
			}
			return measure(pairs, settings.frameBytes(), settings.seconds(), settings.cpu());
		}
		finally {
			sockets.forEach(BenchSocket::close);
		}
	}

	/**
	 * Starts every pair's sender, stops them after the given time, waits for what is in
	 * flight and adds up what the receivers saw. Shared by the WebSocket and the raw TCP
	 * transport.
	 */
	static Result measure(List<Pair> pairs, int frameBytes, double runSeconds, CpuWindow cpu) {
		cpu.open();
		long start = System.nanoTime();
		long stopAt = start + (long) (runSeconds * 1e9);
		pairs.forEach((pair) -> pair.sender.eventLoop().execute(pair::fill));
		while (System.nanoTime() < stopAt) {
			LockSupportPause.pause();
		}
		pairs.forEach((pair) -> pair.stopped = true);
		// A fill already running on a sender's loop finishes its writes (and counts them
		// in sent) before the drain is judged; later fills write nothing.
		pairs.forEach((pair) -> pair.sender.eventLoop().submit(() -> {
		}).syncUninterruptibly());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!pairs.stream().allMatch(Pair::drained) && System.nanoTime() < deadline) {
			LockSupportPause.pause();
		}
		cpu.close();
		double seconds = (System.nanoTime() - start) / 1e9;
		long frames = 0;
		long bad = 0;
		long lost = 0;
		long outOfOrder = 0;
		for (Pair pair : pairs) {
			frames += pair.received.get();
			bad += pair.badChecksums;
			lost += pair.sent - pair.received.get();
			outOfOrder += pair.outOfOrder;
		}
		return new Result(frames, frames * frameBytes, bad, lost, outOfOrder, seconds);
	}

	/**
	 * The random body every frame of a run carries after its sequence number, and the
	 * body's CRC32.
	 */
	record Body(ByteBuf bytes, long crc) {

		static Body random(int frameBytes) {
			byte[] body = new byte[frameBytes - 8];
			ThreadLocalRandom.current().nextBytes(body);
			CRC32 crc = new CRC32();
			crc.update(body);
			return new Body(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body)), crc.getValue());
		}

	}

	/**
	 * One tunnel: the sender keeps {@link #WINDOW} frames of {@code [seq][body]} in
	 * flight, refilled from the receiver's reads. The transport wraps each frame for the
	 * wire ({@code framing}) and hands the receiver's frames, unwrapped, to
	 * {@link #onFrame}.
	 */
	static final class Pair {

		private final Body body;

		private final Function<ByteBuf, Object> framing;

		private final CRC32 crc = new CRC32();

		Channel sender;

		/** Set once the receiving end is known (the TCP transport pairs them itself). */
		volatile boolean receiverConnected;

		volatile boolean stopped;

		volatile long sent;

		final AtomicLong received = new AtomicLong();

		long badChecksums;

		long outOfOrder;

		Pair(Body body, Function<ByteBuf, Object> framing) {
			this.body = body;
			this.framing = framing;
		}

		/** Runs on the sender's event loop. */
		void fill() {
			long next = this.sent;
			boolean wrote = false;
			while (!this.stopped && next - this.received.get() < WINDOW) {
				ByteBuf header = Unpooled.buffer(8).writeLong(next);
				this.sender.write(this.framing.apply(Unpooled.wrappedBuffer(header, this.body.bytes().duplicate())),
						this.sender.voidPromise());
				next++;
				wrote = true;
			}
			this.sent = next;
			if (wrote) {
				this.sender.flush();
			}
		}

		/** Runs on the receiver's event loop. */
		void onFrame(ByteBuf frame) {
			long seq = frame.getLong(frame.readerIndex());
			if (seq != this.received.get()) {
				this.outOfOrder++;
			}
			this.crc.reset();
			this.crc.update(frame.nioBuffer(frame.readerIndex() + 8, frame.readableBytes() - 8));
			if (this.crc.getValue() != this.body.crc()) {
				this.badChecksums++;
			}
			this.received.incrementAndGet();
			this.sender.eventLoop().execute(this::fill);
		}

		boolean drained() {
			return this.received.get() >= this.sent;
		}

	}

	/**
	 * What one run asks for; {@code uriForPair} gives each pair's URL (with its token)
	 * for the sender, which connects first, and {@code receiverUriForPair} the same
	 * session's URL for the receiver (on another node, for a tunnel across nodes).
	 */
	record Settings(IntFunction<URI> uriForPair, IntFunction<URI> receiverUriForPair, int pairs, int frameBytes,
			double seconds, List<String> sourceAddresses, CpuWindow cpu) {

		Settings(IntFunction<URI> uriForPair, int pairs, int frameBytes, double seconds, List<String> sourceAddresses,
				CpuWindow cpu) {
			this(uriForPair, uriForPair, pairs, frameBytes, seconds, sourceAddresses, cpu);
		}

	}

	/**
	 * What one run measured.
	 */
	record Result(long frames, long bytes, long badChecksums, long lost, long outOfOrder, double seconds) {

		double gigabytesPerSecond() {
			return this.bytes / this.seconds / 1e9;
		}

		@Override
		public String toString() {
			return String.format("S2 frames=%d bytes=%d badChecksums=%d lost=%d outOfOrder=%d seconds=%.2f GB/s=%.3f",
					this.frames, this.bytes, this.badChecksums, this.lost, this.outOfOrder, this.seconds,
					gigabytesPerSecond());
		}

	}

}
