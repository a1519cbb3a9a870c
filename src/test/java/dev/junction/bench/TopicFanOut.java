package dev.junction.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;

/**
 * S1's fan-out on {@code /topics}: one peer publishes {@code data} messages open-loop at
 * a fixed rate into a topic, every other peer checks what arrives (sender, order,
 * payload).
 */
final class TopicFanOut {

	private TopicFanOut() {
	}

	static Result run(EventLoopGroup group, Settings settings) throws Exception {
		String run = Long.toString(System.nanoTime(), 36);
		String topic = "bench-" + run;
		String senderId = "s-" + run;
		String padding = "x".repeat(Math.max(0, settings.payloadBytes() - 40));
		List<BenchSocket> sockets = new ArrayList<>();
		List<Receiver> receivers = new ArrayList<>();
		try {
			BenchSocket sender = BenchSocket.connect(group, settings.uri(0), source(settings, 0), (binary) -> {
			}, (text) -> {
			});
			sockets.add(sender);
			// Alone in the topic the sender hears nothing; the first receiver's
			// peer-joined comes once both are in, whichever join the cluster answers
			// last.
			sender.sendText(join(topic, senderId));
			for (int i = 1; i < settings.members(); i++) {
				Receiver receiver = new Receiver(senderId, padding);
				receivers.add(receiver);
				sockets.add(BenchSocket.connect(group, settings.uri(i), source(settings, i), receiver::onBinary,
						receiver::onText));
				sockets.get(i).sendText(join(topic, "r" + i + "-" + run));
				receiver.joined.get(10, TimeUnit.SECONDS);
			}
			long period = 1_000_000_000L / settings.rate();
			long count = (long) (settings.seconds() * settings.rate());
			settings.cpu().open();
			long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
			Sender publisher = new Sender(sender, padding, start, period, count);
			publisher.done.get(10 + (long) (count * period / 1e9), TimeUnit.SECONDS);
			long expected = publisher.sent * receivers.size();
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
			long errors = 0;
			for (Receiver receiver : receivers) {
				synchronized (receiver) {
					latency.add(receiver.latency);
					delivered += receiver.delivered;
					lost += Math.max(0, publisher.sent - receiver.counted);
					duplicates += receiver.duplicates;
					reordered += receiver.reordered;
					errors += receiver.errors;
				}
			}
			return new Result(publisher.sent, expected, delivered, lost, duplicates, reordered, errors, seconds,
					latency);
		}
		finally {
			sockets.forEach(BenchSocket::close);
		}
	}

	private static String join(String topic, String peerId) {
		return "{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"" + peerId + "\"}";
	}

	private static String source(Settings settings, int peer) {
		return settings.sourceAddresses().isEmpty() ? null
				: settings.sourceAddresses().get(peer % settings.sourceAddresses().size());
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
	 * Writes on its socket's event loop every scheduled {@code data} message whose time
	 * has come, its value {@code "<seq>:<scheduled nanos>:<padding>"}.
	 */
	private static final class Sender implements Runnable {

		private final BenchSocket socket;

		private final String padding;

		private final long start;

		private final long period;

		private final long count;

		final CompletableFuture<Void> done = new CompletableFuture<>();

		private final ScheduledFuture<?> task;

		volatile long sent;

		Sender(BenchSocket socket, String padding, long start, long period, long count) {
			this.socket = socket;
			this.padding = padding;
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
				String data = next + ":" + (this.start + next * this.period) + ":" + this.padding;
				this.socket.channel()
					.write(new TextWebSocketFrame("{\"type\":\"data\",\"data\":\"" + data + "\"}"),
							this.socket.channel().voidPromise());
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

	}

	/**
	 * One receiving peer: its join is answered by its first {@code peer-joined}; each
	 * {@code data} must come from the sender, in order, with the padding intact.
	 */
	private static final class Receiver {

		private final String prefix;

		private final String padding;

		final CompletableFuture<Void> joined = new CompletableFuture<>();

		final Histogram latency = new Histogram(3);

		private long lastSeq = -1;

		long delivered;

		long counted;

		long duplicates;

		long reordered;

		long errors;

		Receiver(String senderId, String padding) {
			this.prefix = "{\"type\":\"data\",\"peerId\":\"" + senderId + "\",\"data\":\"";
			this.padding = padding;
		}

		/** Junction's topics messages are always text. */
		synchronized void onBinary(ByteBuf binary) {
			this.errors++;
		}

		synchronized void onText(String text) {
			if (!text.startsWith("{\"type\":\"data\"")) {
				if (text.startsWith("{\"type\":\"peer-joined\"")) {
					this.joined.complete(null);
				}
				return;
			}
			long now = System.nanoTime();
			this.delivered++;
			String[] parts = (text.startsWith(this.prefix) && text.endsWith("\"}"))
					? text.substring(this.prefix.length(), text.length() - 2).split(":", 3) : new String[0];
			if (parts.length != 3 || !parts[2].equals(this.padding)) {
				this.errors++;
				return;
			}
			long seq = Long.parseLong(parts[0]);
			this.latency.recordValue(Math.max(0, (now - Long.parseLong(parts[1])) / 1000));
			if (seq == this.lastSeq) {
				this.duplicates++;
				return;
			}
			if (seq < this.lastSeq) {
				this.reordered++;
			}
			else {
				this.lastSeq = seq;
			}
			this.counted++;
		}

	}

	/**
	 * What one run asks for: each peer's {@code /topics} URL (peer 0 is the sender; with
	 * a token when the server wants one), peers in the topic (the sender among them),
	 * messages per second, message bytes (about) and seconds of sending.
	 */
	record Settings(IntFunction<URI> uriForPeer, int members, int rate, int payloadBytes, double seconds,
			List<String> sourceAddresses, CpuWindow cpu) {

		URI uri(int peer) {
			return this.uriForPeer.apply(peer);
		}

	}

	/**
	 * What one run measured, latencies in microseconds from the scheduled send time;
	 * {@code errors} counts messages from another sender, malformed or with a damaged
	 * payload.
	 */
	record Result(long sent, long expected, long delivered, long lost, long duplicates, long reordered, long errors,
			double seconds, Histogram latencyMicros) {

		@Override
		public String toString() {
			return String.format(
					"S topics sent=%d expected=%d delivered=%d lost=%d dup=%d reordered=%d errors=%d deliveries/s=%.0f "
							+ "p50=%dus p99=%dus p999=%dus max=%dus",
					this.sent, this.expected, this.delivered, this.lost, this.duplicates, this.reordered, this.errors,
					this.delivered / this.seconds, this.latencyMicros.getValueAtPercentile(50),
					this.latencyMicros.getValueAtPercentile(99), this.latencyMicros.getValueAtPercentile(99.9),
					this.latencyMicros.getMaxValue());
		}

	}

}
