package dev.junction.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.channel.EventLoopGroup;

/**
 * Two well-behaved pairs that keep talking while the abuse runs: a room pair on
 * {@code /ws} and a topic pair on {@code /topics}. The first of each pair sends sequenced
 * messages at a steady pace; the second checks that each arrives once and in order.
 */
final class Bystanders implements AutoCloseable {

	private static final Pattern ROOM_CODE = Pattern.compile("\"room_code\":\"([A-Z0-9]+)\"");

	private static final Pattern ROOM_SEQ = Pattern.compile("\"type\":\"seq\",\"n\":(\\d+)");

	private static final Pattern TOPIC_SEQ = Pattern.compile("\"type\":\"data\".*\"data\":(\\d+)");

	private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bystander-pacer");
		thread.setDaemon(true);
		return thread;
	});

	private final Pair room;

	private final Pair topic;

	private Bystanders(Pair room, Pair topic) {
		this.room = room;
		this.topic = topic;
	}

	/**
	 * Opens both pairs (the room created and joined, the topic joined by both) and starts
	 * sending, one message per pair every {@code periodMillis}.
	 */
	static Bystanders start(EventLoopGroup group, String url, String secret, long periodMillis) throws Exception {
		Pair room = roomPair(group, url);
		Pair topic = topicPair(group, url, secret);
		Bystanders bystanders = new Bystanders(room, topic);
		bystanders.pacer.scheduleAtFixedRate(() -> {
			room.sendNext((n) -> "{\"type\":\"seq\",\"n\":" + n + "}");
			topic.sendNext((n) -> "{\"type\":\"data\",\"data\":" + n + "}");
		}, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
		return bystanders;
	}

	private static Pair roomPair(EventLoopGroup group, String url) throws Exception {
		Pair pair = new Pair("room", ROOM_SEQ);
		CompletableFuture<String> created = new CompletableFuture<>();
		pair.sender = BenchSocket.connect(group, URI.create(url + "/ws"), null, (ignored) -> {
		}, created::complete);
		pair.sender.sendText("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"bystander-a\"}}");
		Matcher code = ROOM_CODE.matcher(created.get(10, TimeUnit.SECONDS));
		if (!code.find()) {
			throw new IllegalStateException("no room code");
		}
		CompletableFuture<String> joined = new CompletableFuture<>();
		pair.receiver = BenchSocket.connect(group, URI.create(url + "/ws"), null, (ignored) -> {
		}, (text) -> {
			if (!joined.isDone()) {
				joined.complete(text);
			}
			else {
				pair.received(text);
			}
		});
		pair.receiver.sendText("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code.group(1)
				+ "\",\"user_id\":\"bystander-b\"}}");
		joined.get(10, TimeUnit.SECONDS);
		return pair;
	}

	private static Pair topicPair(EventLoopGroup group, String url, String secret) throws Exception {
		Pair pair = new Pair("topic", TOPIC_SEQ);
		String topic = "bystanders-" + System.nanoTime();
		CompletableFuture<String> joined = new CompletableFuture<>();
		pair.sender = BenchSocket.connect(group, topicsUri(url, secret, "bystander-a"), null, (ignored) -> {
		}, joined::complete);
		pair.sender.sendText("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"bystander-a\"}");
		pair.receiver = BenchSocket.connect(group, topicsUri(url, secret, "bystander-b"), null, (ignored) -> {
		}, pair::received);
		pair.receiver.sendText("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"bystander-b\"}");
		// The first member hears peer-joined once the second is in the topic.
		joined.get(10, TimeUnit.SECONDS);
		return pair;
	}

	static URI topicsUri(String url, String secret, String subject) {
		return URI.create(
				url + "/topics" + (secret.isEmpty() ? "" : "?token=" + SignalingMessages.userToken(secret, subject)));
	}

	/**
	 * Stops sending and waits up to {@code seconds} for the messages in flight.
	 */
	Counts stop(long seconds) throws InterruptedException {
		this.pacer.shutdown();
		this.pacer.awaitTermination(5, TimeUnit.SECONDS);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while ((!this.room.caughtUp() || !this.topic.caughtUp()) && System.nanoTime() < deadline) {
			// Messages still on their way through another process: polled.
			Thread.sleep(50);
		}
		return new Counts(this.room.counts(), this.topic.counts());
	}

	/** Both pairs' counts so far. */
	Counts counts() {
		return new Counts(this.room.counts(), this.topic.counts());
	}

	@Override
	public void close() {
		this.pacer.shutdownNow();
		this.room.close();
		this.topic.close();
	}

	/**
	 * One pair's messages.
	 *
	 * @param sent sent by the first
	 * @param received received by the second, in order and once
	 * @param lost skipped over by a later one
	 * @param reordered arrived after a later one (or twice)
	 * @param closed whether either socket was closed by the server
	 */
	record PairCounts(long sent, long received, long lost, long reordered, boolean closed) {

		@Override
		public String toString() {
			return "sent=" + this.sent + " received=" + this.received + " lost=" + this.lost + " reordered="
					+ this.reordered + " closed=" + this.closed;
		}

	}

	/**
	 * Both pairs' counts.
	 *
	 * @param room the room pair
	 * @param topic the topic pair
	 */
	record Counts(PairCounts room, PairCounts topic) {

		boolean clean() {
			return this.room.lost() + this.topic.lost() + this.room.reordered() + this.topic.reordered() == 0
					&& this.room.sent() == this.room.received() && this.topic.sent() == this.topic.received()
					&& !this.room.closed() && !this.topic.closed();
		}

		@Override
		public String toString() {
			return "room[" + this.room + "] topic[" + this.topic + "]";
		}

	}

	private static final class Pair {

		private final String name;

		private final Pattern sequence;

		BenchSocket sender;

		BenchSocket receiver;

		private long sent;

		private long next = 1;

		private long received;

		private long lost;

		private long reordered;

		Pair(String name, Pattern sequence) {
			this.name = name;
			this.sequence = sequence;
		}

		void sendNext(LongFunction<String> message) {
			long n;
			synchronized (this) {
				if (this.sender.closed()) {
					return;
				}
				n = ++this.sent;
			}
			this.sender.sendText(message.apply(n));
		}

		synchronized void received(String text) {
			Matcher matcher = this.sequence.matcher(text);
			if (!matcher.find()) {
				return;
			}
			long n = Long.parseLong(matcher.group(1));
			if (n == this.next) {
				this.received++;
				this.next++;
			}
			else if (n > this.next) {
				this.lost += n - this.next;
				this.received++;
				this.next = n + 1;
			}
			else {
				this.reordered++;
			}
		}

		synchronized boolean caughtUp() {
			return this.next - 1 >= this.sent || this.sender.closed() || this.receiver.closed();
		}

		synchronized PairCounts counts() {
			return new PairCounts(this.sent, this.received, this.lost, this.reordered,
					this.sender.closed() || this.receiver.closed());
		}

		void close() {
			Consumer<BenchSocket> close = (socket) -> {
				if (socket != null) {
					socket.close();
				}
			};
			close.accept(this.sender);
			close.accept(this.receiver);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
