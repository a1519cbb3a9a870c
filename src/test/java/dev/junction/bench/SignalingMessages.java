package dev.junction.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;

/**
 * Scenario S3: directed {@code peer_message}s by peer id over {@code /signaling}. Pairs
 * of peers, each pair in a room of its own, registered with an HS256 user token in
 * {@code id_token} (the upgrade itself carries no token: signaling accepts the token in
 * {@code register}); one side (latency mode) or both sides of every pair send open-loop
 * at a fixed rate, and each receiver checks the sender, sequence and timing in the
 * payload.
 */
final class SignalingMessages {

	private static final Pattern ROOM_ID = Pattern.compile("\"room_id\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern ROOM_TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	private static final String PEER_MESSAGE = "{\"type\":\"peer_message\"";

	private SignalingMessages() {
	}

	/**
	 * Runs the scenario for the warm-up seconds (with peers of its own, result dropped),
	 * then for the measured seconds.
	 */
	static Result run(EventLoopGroup group, Settings settings) throws Exception {
		if (settings.warmUpSeconds() > 0) {
			runOnce(group, settings, settings.warmUpSeconds());
		}
		return runOnce(group, settings, settings.seconds());
	}

	private static Result runOnce(EventLoopGroup group, Settings settings, double secondsOfSending) throws Exception {
		String run = Long.toString(System.nanoTime(), 36);
		String userToken = settings.secret().isEmpty() ? "none" : userToken(settings.secret(), "bench-" + run);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		URI uri = URI.create(settings.url() + "/signaling");
		List<Peer> peers = new ArrayList<>();
		try {
			for (int p = 0; p < settings.pairs(); p++) {
				String[] room = settings.secret().isEmpty() ? new String[] { "bench", "bench" }
						: createRoom(http, settings.url(), userToken);
				String source = settings.sourceAddresses().isEmpty() ? null
						: settings.sourceAddresses().get(p % settings.sourceAddresses().size());
				Peer a = new Peer(2 * p, "bench-" + run + "-" + p + "a");
				Peer b = new Peer(2 * p + 1, "bench-" + run + "-" + p + "b");
				a.partner = b;
				b.partner = a;
				for (Peer peer : List.of(a, b)) {
					peer.register(group, uri, source, room, userToken);
					peers.add(peer);
				}
			}
			long periodNanos = 1_000_000_000L / settings.ratePerSender();
			long count = (long) (secondsOfSending * settings.ratePerSender());
			CpuWindow cpu = new CpuWindow(settings.serverPid());
			cpu.open();
			long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
			List<Sender> senders = new ArrayList<>();
			for (Peer peer : peers) {
				if (settings.bothWays() || peer.index % 2 == 0) {
					senders.add(new Sender(peer, start, periodNanos, count));
				}
			}
			for (Sender sender : senders) {
				sender.awaitDone();
			}
			long sent = 0;
			for (Sender sender : senders) {
				sent += sender.sent;
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (delivered(peers) < sent && System.nanoTime() < deadline) {
				LockSupportPause.pause();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			cpu.close();
			Histogram latency = new Histogram(3);
			Histogram sendLag = new Histogram(3);
			long delivered = 0;
			long lost = 0;
			long duplicates = 0;
			long reordered = 0;
			long errors = 0;
			String firstError = null;
			for (Sender sender : senders) {
				synchronized (sender) {
					sendLag.add(sender.lag);
				}
			}
			for (Peer peer : peers) {
				synchronized (peer) {
					latency.add(peer.latency);
					delivered += peer.delivered;
					duplicates += peer.duplicates;
					reordered += peer.reordered;
					errors += peer.errors;
					firstError = (firstError != null) ? firstError : peer.firstError;
					lost += Math.max(0, peer.partner.sent - peer.inOrder);
				}
			}
			return new Result(settings.pairs(), sent, delivered, lost, duplicates, reordered, errors, seconds, latency,
					sendLag, cpu.serverSeconds(), firstError);
		}
		finally {
			for (Peer peer : peers) {
				if (peer.socket != null) {
					peer.socket.close();
				}
			}
		}
	}

	/**
	 * Makes a room with {@code POST /create-room}; its id and token.
	 */
	static String[] createRoom(HttpClient http, String url, String userToken) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceFirst("^ws", "http") + "/create-room"))
			.header("Authorization", "Bearer " + userToken)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		Matcher id = ROOM_ID.matcher(response.body());
		Matcher token = ROOM_TOKEN.matcher(response.body());
		if (response.statusCode() != 200 || !id.find() || !token.find()) {
			throw new IllegalStateException("create-room answered " + response.statusCode() + " " + response.body());
		}
		return new String[] { id.group(1), token.group(1) };
	}

	static String userToken(String secret, String subject) {
		Instant now = Instant.now();
		return Jwts.builder()
			.subject(subject)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(Duration.ofHours(1))))
			.signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)))
			.compact();
	}

	private static long delivered(List<Peer> peers) {
		long total = 0;
		for (Peer peer : peers) {
			synchronized (peer) {
				total += peer.delivered;
			}
		}
		return total;
	}

	/**
	 * The number after {@code "key":} in a compact JSON text, from {@code from} on.
	 */
	static long number(String text, String key, int from) {
		int at = text.indexOf(key, from);
		if (at < 0) {
			return Long.MIN_VALUE;
		}
		int i = at + key.length();
		boolean negative = i < text.length() && text.charAt(i) == '-';
		if (negative) {
			i++;
		}
		long value = 0;
		int digits = 0;
		for (; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
			value = value * 10 + (text.charAt(i) - '0');
			digits++;
		}
		if (digits == 0) {
			return Long.MIN_VALUE;
		}
		return negative ? -value : value;
	}

	/**
	 * One registered peer: a socket, and what it receives from its partner.
	 */
	private static final class Peer {

		final int index;

		final String id;

		Peer partner;

		BenchSocket socket;

		private final CompletableFuture<String> registered = new CompletableFuture<>();

		/**
		 * Messages sent to the partner, kept up to date by this peer's {@link Sender}.
		 */
		volatile long sent;

		final Histogram latency = new Histogram(3);

		private long lastSeq = -1;

		long inOrder;

		long delivered;

		long duplicates;

		long reordered;

		long errors;

		String firstError;

		Peer(int index, String id) {
			this.index = index;
			this.id = id;
		}

		void register(EventLoopGroup group, URI uri, String source, String[] room, String userToken) throws Exception {
			this.socket = BenchSocket.connect(group, uri, source, ByteBuf::release, this::onText);
			this.socket.sendText("{\"type\":\"register\",\"peer_id\":\"" + this.id + "\",\"room_id\":\"" + room[0]
					+ "\",\"token\":\"" + room[1] + "\",\"id_token\":\"" + userToken + "\",\"role\":\"peer\"}");
			this.registered.get(10, TimeUnit.SECONDS);
		}

		/** Runs on this peer's event loop. */
		synchronized void onText(String text) {
			if (!this.registered.isDone()) {
				if (text.contains("\"registered_auth\"")) {
					this.registered.complete(text);
				}
				else {
					this.registered.completeExceptionally(new IllegalStateException(this.id + " got " + text));
				}
				return;
			}
			if (!text.startsWith(PEER_MESSAGE)) {
				if (!text.contains("\"type\":\"ping\"")) {
					this.errors++;
					this.firstError = (this.firstError != null) ? this.firstError : text;
				}
				return;
			}
			long now = System.nanoTime();
			int payload = text.indexOf("\"payload\"");
			long sender = number(text, "\"s\":", payload);
			long seq = number(text, "\"q\":", payload);
			long scheduled = number(text, "\"t\":", payload);
			if (payload < 0 || sender != this.partner.index || seq == Long.MIN_VALUE || scheduled == Long.MIN_VALUE) {
				this.errors++;
				this.firstError = (this.firstError != null) ? this.firstError : text;
				return;
			}
			this.latency.recordValue(Math.max(0, (now - scheduled) / 1000));
			this.delivered++;
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
			this.inOrder++;
		}

	}

	/**
	 * Sends on its peer's event loop every scheduled message whose time has come, stamped
	 * with its scheduled time; how late each send was goes into {@link #lag}.
	 */
	private static final class Sender implements Runnable {

		private final Peer peer;

		private final String prefix;

		private final long start;

		private final long period;

		private final long count;

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		private final ScheduledFuture<?> task;

		final Histogram lag = new Histogram(3);

		volatile long sent;

		Sender(Peer peer, long start, long period, long count) {
			this.peer = peer;
			this.prefix = PEER_MESSAGE + ",\"from_peer_id\":\"" + peer.id + "\",\"to_peer_id\":\"" + peer.partner.id
					+ "\",\"payload\":{\"s\":" + peer.index + ",\"q\":";
			this.start = start;
			this.period = period;
			this.count = count;
			long tick = Math.max(100_000L, Math.min(period, 1_000_000L));
			this.task = peer.socket.channel()
				.eventLoop()
				.scheduleAtFixedRate(this, Math.max(0, start - System.nanoTime()), tick, TimeUnit.NANOSECONDS);
		}

		@Override
		public synchronized void run() {
			long now = System.nanoTime();
			long next = this.sent;
			boolean wrote = false;
			while (next < this.count && this.start + next * this.period <= now) {
				long scheduled = this.start + next * this.period;
				this.lag.recordValue((now - scheduled) / 1000);
				String text = this.prefix + next + ",\"t\":" + scheduled + "}}";
				this.peer.socket.channel()
					.write(new TextWebSocketFrame(text), this.peer.socket.channel().voidPromise());
				next++;
				wrote = true;
			}
			this.sent = next;
			this.peer.sent = next;
			if (wrote) {
				this.peer.socket.channel().flush();
			}
			if (next >= this.count || this.peer.socket.closed()) {
				this.task.cancel(false);
				this.done.complete(null);
			}
		}

		void awaitDone() throws Exception {
			this.done.get(10 + (long) (this.count * this.period / 1e9), TimeUnit.SECONDS);
		}

	}

	/**
	 * What one run asks for: the server's {@code ws://host:port}, the HMAC secret for
	 * user tokens (empty for a relay without rooms or auth, such as {@link BareRelay}),
	 * pairs, messages per second per sender, whether both peers of a pair send or only
	 * the first, seconds of sending, seconds of a warm-up run before (0 for none), source
	 * addresses, and the server's pid for its CPU time (0 for none).
	 */
	record Settings(String url, String secret, int pairs, int ratePerSender, boolean bothWays, double seconds,
			double warmUpSeconds, List<String> sourceAddresses, long serverPid) {

		/**
		 * From the generator's options: {@code mode=latency} is one pair, one direction,
		 * 1,000 messages per second unless {@code rate} says otherwise;
		 * {@code mode=saturation} (the default) is {@code pairs} pairs (16), both
		 * directions, {@code rate} per sender (1,000); {@code warmup} seconds (1) first.
		 */
		static Settings of(String url, Map<String, String> options, double seconds, List<String> sources, long pid) {
			boolean latency = "latency".equals(options.get("mode"));
			return new Settings(url, options.getOrDefault("secret", ""),
					latency ? 1 : Integer.parseInt(options.getOrDefault("pairs", "16")),
					Integer.parseInt(options.getOrDefault("rate", "1000")), !latency, seconds,
					Double.parseDouble(options.getOrDefault("warmup", "1")), sources, pid);
		}

	}

	/**
	 * What one run measured: latencies in microseconds from the scheduled send time, the
	 * generator's own lateness in sending ({@code sendLag}), which is part of them, and
	 * the server's CPU seconds from the first send to the last delivery (-1 when
	 * unknown).
	 */
	record Result(int pairs, long sent, long delivered, long lost, long duplicates, long reordered, long errors,
			double seconds, Histogram latencyMicros, Histogram sendLagMicros, double serverCpuSeconds,
			String firstError) {

		double messagesPerSecond() {
			return this.delivered / this.seconds;
		}

		@Override
		public String toString() {
			String line = String.format(
					"S3 pairs=%d sent=%d delivered=%d lost=%d dup=%d reordered=%d errors=%d msgs/s=%.0f "
							+ "p50=%dus p99=%dus p999=%dus max=%dus sendLagP99=%dus",
					this.pairs, this.sent, this.delivered, this.lost, this.duplicates, this.reordered, this.errors,
					messagesPerSecond(), this.latencyMicros.getValueAtPercentile(50),
					this.latencyMicros.getValueAtPercentile(99), this.latencyMicros.getValueAtPercentile(99.9),
					this.latencyMicros.getMaxValue(), this.sendLagMicros.getValueAtPercentile(99));
			if (this.serverCpuSeconds >= 0 && this.delivered > 0) {
				line += String.format(" serverCpu=%.2fs cpuPerDelivery=%.2fus", this.serverCpuSeconds,
						this.serverCpuSeconds * 1e6 / this.delivered);
			}
			return line;
		}

	}

}
