package dev.junction.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;

/**
 * Scenario S1: members in one room over {@code /ws}, the first few of them publishing
 * binary frames open-loop at a fixed rate, every other member checking what arrives.
 */
final class RoomFanOut {

	private static final Pattern ROOM_CODE = Pattern.compile("\"room_code\":\"([A-Z0-9]+)\"");

	private RoomFanOut() {
	}

	static Result run(EventLoopGroup group, Settings settings) throws Exception {
		List<BenchSocket> sockets = new ArrayList<>();
		List<Receiver> receivers = new ArrayList<>();
		try {
			String code = null;
			for (int i = 0; i < settings.members(); i++) {
				Receiver receiver = new Receiver(i, settings.senders());
				CompletableFuture<String> reply = new CompletableFuture<>();
				String source = settings.sourceAddresses().isEmpty() ? null
						: settings.sourceAddresses().get(i % settings.sourceAddresses().size());
				BenchSocket socket = BenchSocket.connect(group, settings.uri(i), source, receiver::onBinary, (text) -> {
					if (text.contains("room_created") || text.contains("room_joined")) {
						reply.complete(text);
					}
				});
				sockets.add(socket);
				receivers.add(receiver);
				socket
					.sendText(
							(code != null)
									? "{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code
											+ "\",\"user_id\":\"m" + i + "\"}}"
									: "{\"type\":\"create_room\",\"payload\":{\"user_id\":\"m0\"}}");
				String answer = reply.get(10, TimeUnit.SECONDS);
				if (code == null) {
					Matcher matcher = ROOM_CODE.matcher(answer);
					if (!matcher.find()) {
						throw new IllegalStateException("no room code in " + answer);
					}
					code = matcher.group(1);
				}
			}
			Sender[] senders = new Sender[settings.senders()];
			long periodNanos = 1_000_000_000L / settings.ratePerSender();
			long count = (long) (settings.seconds() * settings.ratePerSender());
			settings.cpu().open();
			long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
			for (int s = 0; s < senders.length; s++) {
				senders[s] = new Sender(s, sockets.get(s), settings.payloadBytes(), start, periodNanos, count);
			}
			for (Sender sender : senders) {
				sender.awaitDone();
			}
			long sentTotal = 0;
			long expected = 0;
			for (Sender sender : senders) {
				sentTotal += sender.sent;
				expected += sender.sent * (settings.members() - 1L);
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (delivered(receivers) < expected && System.nanoTime() < deadline) {
				LockSupportPause.pause();
			}
			settings.cpu().close();
			double seconds = (System.nanoTime() - start) / 1e9;
			Histogram latency = new Histogram(3);
			long delivered = 0;
			long lost = 0;
			long duplicates = 0;
			long reordered = 0;
			for (Receiver receiver : receivers) {
				synchronized (receiver) {
					latency.add(receiver.latency);
					delivered += receiver.delivered;
					duplicates += receiver.duplicates;
					reordered += receiver.reordered;
					for (int s = 0; s < senders.length; s++) {
						if (s != receiver.id) {
							lost += Math.max(0, senders[s].sent - receiver.countPerSender[s]);
						}
					}
				}
			}
			return new Result(sentTotal, expected, delivered, lost, duplicates, reordered, seconds, latency);
		}
		finally {
			sockets.forEach(BenchSocket::close);
		}
	}

	private static long delivered(List<Receiver> receivers) {
		long total = 0;
		for (Receiver receiver : receivers) {
			synchronized (receiver) {
				total += receiver.delivered;
			}
		}
		return total;
	}

	/**
	 * Sends on its socket's event loop every scheduled message whose time has come,
	 * stamped with its scheduled time, so a stall shows as latency, not as fewer sends.
	 */
	private static final class Sender implements Runnable {

		private final int id;

		private final BenchSocket socket;

		private final byte[] padding;

		private final long start;

		private final long period;

		private final long count;

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		private final ScheduledFuture<?> task;

		volatile long sent;

		Sender(int id, BenchSocket socket, int payloadBytes, long start, long period, long count) {
			this.id = id;
			this.socket = socket;
			this.padding = new byte[Math.max(0, payloadBytes - 24)];
			this.start = start;
			this.period = period;
			this.count = count;
			long tick = Math.max(100_000L, Math.min(period, 1_000_000L));
			this.task = socket.channel()
				.eventLoop()
				.scheduleAtFixedRate(this, Math.max(0, start - System.nanoTime()), tick, TimeUnit.NANOSECONDS);
		}

		@Override
		public void run() {
			long now = System.nanoTime();
			long next = this.sent;
			boolean wrote = false;
			while (next < this.count && this.start + next * this.period <= now) {
				ByteBuf buf = Unpooled.buffer(24 + this.padding.length);
				buf.writeLong(this.id).writeLong(next).writeLong(this.start + next * this.period);
				buf.writeBytes(this.padding);
				this.socket.sendBinary(buf, false);
				next++;
				wrote = true;
			}
			this.sent = next;
			if (wrote) {
				this.socket.channel().flush();
			}
			if (next >= this.count || this.socket.closed()) {
				this.task.cancel(false);
				this.done.complete(null);
			}
		}

		void awaitDone() throws Exception {
			this.done.get(10 + (long) (this.count * this.period / 1e9), TimeUnit.SECONDS);
		}

	}

	/**
	 * Checks per-sender order and counts what one member receives.
	 */
	private static final class Receiver {

		final int id;

		final long[] countPerSender;

		private final long[] lastSeq;

		final Histogram latency = new Histogram(3);

		long delivered;

		long duplicates;

		long reordered;

		Receiver(int id, int senders) {
			this.id = id;
			this.countPerSender = new long[senders];
			this.lastSeq = new long[senders];
			java.util.Arrays.fill(this.lastSeq, -1);
		}

		synchronized void onBinary(ByteBuf buf) {
			long now = System.nanoTime();
			int sender = (int) buf.getLong(buf.readerIndex());
			long seq = buf.getLong(buf.readerIndex() + 8);
			long scheduled = buf.getLong(buf.readerIndex() + 16);
			this.latency.recordValue(Math.max(0, (now - scheduled) / 1000));
			this.delivered++;
			if (seq == this.lastSeq[sender]) {
				this.duplicates++;
				return;
			}
			if (seq < this.lastSeq[sender]) {
				this.reordered++;
			}
			else {
				this.lastSeq[sender] = seq;
			}
			this.countPerSender[sender]++;
		}

	}

	/**
	 * What one run asks for: the nodes (member {@code i} connects to node
	 * {@code i % nodes}, so the first sender is on the first node and the others are
	 * spread evenly), members, senders among them, messages per second per sender,
	 * payload bytes (at least 24) and seconds of sending.
	 */
	record Settings(List<URI> nodes, int members, int senders, int ratePerSender, int payloadBytes, double seconds,
			List<String> sourceAddresses, CpuWindow cpu) {

		Settings(URI uri, int members, int senders, int ratePerSender, int payloadBytes, double seconds,
				List<String> sourceAddresses, CpuWindow cpu) {
			this(List.of(uri), members, senders, ratePerSender, payloadBytes, seconds, sourceAddresses, cpu);
		}

		URI uri(int member) {
			return this.nodes.get(member % this.nodes.size());
		}

	}

	/**
	 * What one run measured, latencies in microseconds from the scheduled send time.
	 */
	record Result(long sent, long expected, long delivered, long lost, long duplicates, long reordered, double seconds,
			Histogram latencyMicros) {

		double deliveriesPerSecond() {
			return this.delivered / this.seconds;
		}

		@Override
		public String toString() {
			return String.format(
					"S1 sent=%d expected=%d delivered=%d lost=%d dup=%d reordered=%d deliveries/s=%.0f "
							+ "p50=%dus p99=%dus p999=%dus max=%dus",
					this.sent, this.expected, this.delivered, this.lost, this.duplicates, this.reordered,
					deliveriesPerSecond(), this.latencyMicros.getValueAtPercentile(50),
					this.latencyMicros.getValueAtPercentile(99), this.latencyMicros.getValueAtPercentile(99.9),
					this.latencyMicros.getMaxValue());
		}

	}

}
