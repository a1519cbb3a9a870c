package dev.junction.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;

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
		byte[] body = new byte[settings.frameBytes() - 8];
		ThreadLocalRandom.current().nextBytes(body);
		CRC32 crc = new CRC32();
		crc.update(body);
		long bodyCrc = crc.getValue();
		ByteBuf shared = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body));
		List<Pair> pairs = new ArrayList<>();
		List<BenchSocket> sockets = new ArrayList<>();
		try {
			for (int p = 0; p < settings.pairs(); p++) {
				Pair pair = new Pair(shared, bodyCrc);
				String source = settings.sourceAddresses().isEmpty() ? null
						: settings.sourceAddresses().get(p % settings.sourceAddresses().size());
				URI uri = settings.uriForPair().apply(p);
				pair.sender = BenchSocket.connect(group, uri, source, ByteBuf::release, (text) -> {
				});
				pair.receiver = BenchSocket.connect(group, uri, source, pair::onBinary, (text) -> {
				});
				sockets.add(pair.sender);
				sockets.add(pair.receiver);
				pairs.add(pair);
			}
			settings.cpu().open();
			long start = System.nanoTime();
			long stopAt = start + (long) (settings.seconds() * 1e9);
			pairs.forEach((pair) -> pair.sender.channel().eventLoop().execute(pair::fill));
			while (System.nanoTime() < stopAt) {
				LockSupportPause.pause();
			}
			pairs.forEach((pair) -> pair.stopped = true);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!pairs.stream().allMatch(Pair::drained) && System.nanoTime() < deadline) {
				LockSupportPause.pause();
			}
			settings.cpu().close();
			double seconds = (System.nanoTime() - start) / 1e9;
			long frames = 0;
			long bad = 0;
			long outOfOrder = 0;
			for (Pair pair : pairs) {
				frames += pair.received.get();
				bad += pair.badChecksums + (pair.sent - pair.received.get());
				outOfOrder += pair.outOfOrder;
			}
			return new Result(frames, frames * settings.frameBytes(), bad, outOfOrder, seconds);
		}
		finally {
			sockets.forEach(BenchSocket::close);
		}
	}

	/**
	 * One tunnel: the sender keeps {@link #WINDOW} frames in flight, refilled from the
	 * receiver's reads.
	 */
	private static final class Pair {

		private final ByteBuf body;

		private final long bodyCrc;

		private final CRC32 crc = new CRC32();

		BenchSocket sender;

		BenchSocket receiver;

		volatile boolean stopped;

		volatile long sent;

		final AtomicLong received = new AtomicLong();

		long badChecksums;

		long outOfOrder;

		Pair(ByteBuf body, long bodyCrc) {
			this.body = body;
			this.bodyCrc = bodyCrc;
		}

		/** Runs on the sender's event loop. */
		void fill() {
			long next = this.sent;
			boolean wrote = false;
			while (!this.stopped && next - this.received.get() < WINDOW) {
				ByteBuf header = Unpooled.buffer(8).writeLong(next);
				this.sender.sendBinary(Unpooled.wrappedBuffer(header, this.body.duplicate()), false);
				next++;
				wrote = true;
			}
			this.sent = next;
			if (wrote) {
				this.sender.channel().flush();
			}
		}

		/** Runs on the receiver's event loop. */
		void onBinary(ByteBuf frame) {
			long seq = frame.getLong(frame.readerIndex());
			if (seq != this.received.get()) {
				this.outOfOrder++;
			}
			this.crc.reset();
			this.crc.update(frame.nioBuffer(frame.readerIndex() + 8, frame.readableBytes() - 8));
			if (this.crc.getValue() != this.bodyCrc) {
				this.badChecksums++;
			}
			this.received.incrementAndGet();
			this.sender.channel().eventLoop().execute(this::fill);
		}

		boolean drained() {
			return this.received.get() >= this.sent;
		}

	}

	/**
	 * What one run asks for; {@code uriForPair} gives each pair's URL (with its token).
	 */
	record Settings(IntFunction<URI> uriForPair, int pairs, int frameBytes, double seconds,
			List<String> sourceAddresses, CpuWindow cpu) {
	}

	/**
	 * What one run measured.
	 */
	record Result(long frames, long bytes, long badChecksums, long outOfOrder, double seconds) {

		double gigabytesPerSecond() {
			return this.bytes / this.seconds / 1e9;
		}

		@Override
		public String toString() {
			return String.format("S2 frames=%d bytes=%d badChecksums=%d outOfOrder=%d seconds=%.2f GB/s=%.3f",
					this.frames, this.bytes, this.badChecksums, this.outOfOrder, this.seconds, gigabytesPerSecond());
		}

	}

}
