package dev.junction.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Scenario S5: connection churn on {@code /ws}. New connections start open-loop at a
 * fixed rate, at most a given number in flight (a connection that finds no free slot
 * starts late, and its lateness counts as latency); each upgrades, sends
 * {@code create_room}, waits for {@code room_created}, and closes with status 1000.
 * Before and after, the server's open file descriptors are counted, and, when it has one,
 * its {@code GET /health} connection count is read once the run has settled.
 */
final class ConnectionChurn {

	private static final Pattern CONNECTIONS = Pattern.compile("\"connections\"\\s*:\\s*(\\d+)");

	/**
	 * File descriptors the server may hold above its count before the run and still be
	 * settled.
	 */
	private static final int FD_MARGIN = 8;

	private static final int WARM_UP_CONNECTIONS = 20;

	private static final String CREATE_ROOM = "{\"type\":\"create_room\",\"payload\":{\"user_id\":\"churn\"}}";

	private ConnectionChurn() {
	}

	static Result run(EventLoopGroup group, Settings settings) throws Exception {
		int fdBefore = openFiles(settings.serverPid());
		warmUp(group, settings);
		CpuWindow cpu = new CpuWindow(settings.serverPid());
		cpu.open();
		String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		Driver driver = new Driver(group, settings);
		ChurnTimeline timeline = null;
		if (settings.sampleSeconds() > 0) {
			// The samples are this command-line tool's output, next to its result line.
			timeline = new ChurnTimeline(settings.serverPid(), driver.start, driver.completed::get, driver.failed::get,
					driver::takeInterval, System.out::println);
			timeline.begin(settings.sampleSeconds());
		}
		driver.done.get((long) settings.seconds() + 60, TimeUnit.SECONDS);
		cpu.close();
		List<ChurnTimeline.Sample> samples = (timeline != null) ? timeline.end() : List.of();
		String plot = settings.plot();
		if (plot != null) {
			ChurnTimeline.plot(samples, settings.rate(), settings.concurrency(), settings.command() + "   " + startedAt,
					Path.of(plot));
		}
		double serverCpu = cpu.serverSeconds();
		double seconds = (driver.finishedAt - driver.start) / 1e9;
		long settleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		int fdAfter = openFiles(settings.serverPid());
		while (fdAfter > fdBefore + FD_MARGIN && System.nanoTime() < settleDeadline) {
			LockSupportPause.pause();
			fdAfter = openFiles(settings.serverPid());
		}
		long serverConnections = serverConnections(settings.url());
		while (serverConnections > 0 && System.nanoTime() < settleDeadline) {
			LockSupportPause.pause();
			serverConnections = serverConnections(settings.url());
		}
		return new Result(settings.rate(), driver.count, driver.completed.get(), driver.failed.get(), seconds,
				driver.handshake, fdBefore, fdAfter, serverConnections, serverCpu, driver.firstFailure);
	}

	/**
	 * A few connections one after the other before the measured ones, so that the first
	 * of those does not pay for the generator's class loading and cold code.
	 */
	private static void warmUp(EventLoopGroup group, Settings settings) throws Exception {
		URI uri = URI.create(settings.url() + "/ws");
		for (int i = 0; i < WARM_UP_CONNECTIONS; i++) {
			CompletableFuture<String> reply = new CompletableFuture<>();
			BenchSocket socket = BenchSocket.connect(group, uri,
					settings.sourceAddresses().isEmpty() ? null : settings.sourceAddresses().get(0), ByteBuf::release,
					reply::complete);
			try {
				socket.sendText(CREATE_ROOM);
				String answer = reply.get(10, TimeUnit.SECONDS);
				if (!answer.contains("\"room_created\"")) {
					throw new IllegalStateException("create_room answered " + answer);
				}
			}
			finally {
				socket.closeNormally().await(10, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * Open file descriptors of a process, or {@code -1} when there is no such process (or
	 * its {@code /proc/<pid>/fd} cannot be read).
	 */
	static int openFiles(long pid) {
		if (pid <= 0) {
			return -1;
		}
		try (Stream<Path> files = Files.list(Path.of("/proc/" + pid + "/fd"))) {
			return (int) files.count();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Connections the server reports in {@code GET /health} (Junction's count over every
	 * protocol), or {@code -1} for a server without that document.
	 */
	static long serverConnections(String url) {
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create(url.replaceFirst("^ws", "http") + "/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher matcher = CONNECTIONS.matcher(response.body());
			return (response.statusCode() == 200 && matcher.find()) ? Long.parseLong(matcher.group(1)) : -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Starts every connection whose time has come while a slot is free; runs on one event
	 * loop, on a timer and whenever a connection ends.
	 */
	private static final class Driver implements Runnable {

		private final EventLoopGroup group;

		private final Settings settings;

		private final EventLoop loop;

		private final URI uri;

		final long start;

		private final long period;

		final long count;

		private final ScheduledFuture<?> task;

		final CompletableFuture<Void> done = new CompletableFuture<>();

		final Histogram handshake = new Histogram(3);

		/**
		 * The handshakes since {@link #takeInterval()} last ran, guarded like the total.
		 */
		private final Histogram interval = new Histogram(3);

		final AtomicLong completed = new AtomicLong();

		final AtomicLong failed = new AtomicLong();

		private final AtomicInteger inFlight = new AtomicInteger();

		volatile String firstFailure;

		volatile long finishedAt;

		private long started;

		private long ended;

		Driver(EventLoopGroup group, Settings settings) {
			this.group = group;
			this.settings = settings;
			this.loop = group.next();
			this.uri = URI.create(settings.url() + "/ws");
			this.period = 1_000_000_000L / settings.rate();
			this.count = Math.max(1, (long) (settings.seconds() * settings.rate()));
			this.start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
			long tick = Math.max(100_000L, Math.min(this.period, 1_000_000L));
			this.task = this.loop.scheduleAtFixedRate(this, Math.max(0, this.start - System.nanoTime()), tick,
					TimeUnit.NANOSECONDS);
		}

		@Override
		public void run() {
			long now = System.nanoTime();
			while (this.started < this.count && this.start + this.started * this.period <= now
					&& this.inFlight.get() < this.settings.concurrency()) {
				long scheduled = this.start + this.started * this.period;
				List<String> sources = this.settings.sourceAddresses();
				String source = sources.isEmpty() ? null : sources.get((int) (this.started % sources.size()));
				this.inFlight.incrementAndGet();
				this.started++;
				new Attempt(this, scheduled).begin(source);
			}
			if (this.started >= this.count) {
				this.task.cancel(false);
			}
		}

		/** The handshakes since the last call, the interval then starting afresh. */
		Histogram takeInterval() {
			synchronized (this.handshake) {
				Histogram copy = this.interval.copy();
				this.interval.reset();
				return copy;
			}
		}

		/** Runs on the driver's loop once per attempt, however it ended. */
		void ended(boolean ok, String failure) {
			if (ok) {
				this.completed.incrementAndGet();
			}
			else {
				this.failed.incrementAndGet();
				if (this.firstFailure == null) {
					this.firstFailure = failure;
				}
			}
			this.inFlight.decrementAndGet();
			this.ended++;
			if (this.ended >= this.count) {
				this.finishedAt = System.nanoTime();
				this.done.complete(null);
			}
			else {
				run();
			}
		}

	}

	/**
	 * One connection: upgrade, {@code create_room}, {@code room_created}, close.
	 */
	private static final class Attempt {

		private static final long TIMEOUT_SECONDS = 10;

		private final Driver driver;

		private final long scheduled;

		private final CompletableFuture<Void> roomCreated = new CompletableFuture<>();

		private boolean finished;

		Attempt(Driver driver, long scheduled) {
			this.driver = driver;
			this.scheduled = scheduled;
		}

		void begin(String source) {
			BenchSocket.connectAsync(this.driver.group, this.driver.uri, source, ByteBuf::release, this::onText)
				.whenComplete((socket, failure) -> {
					if (failure != null) {
						finish(false, "connect: " + failure);
						return;
					}
					long now = System.nanoTime();
					synchronized (this.driver.handshake) {
						this.driver.handshake.recordValue(Math.max(0, (now - this.scheduled) / 1000));
						this.driver.interval.recordValue(Math.max(0, (now - this.scheduled) / 1000));
					}
					socket.channel()
						.closeFuture()
						.addListener((closed) -> this.roomCreated
							.completeExceptionally(new IllegalStateException("closed before room_created")));
					socket.sendText(CREATE_ROOM);
					this.roomCreated.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((ignored, error) -> {
						if (error != null) {
							socket.channel().close();
							finish(false, "create_room: " + error);
						}
						else {
							socket.closeNormally().addListener((closed) -> finish(true, null));
						}
					});
				});
		}

		private void onText(String text) {
			if (text.contains("\"room_created\"")) {
				this.roomCreated.complete(null);
			}
			else {
				this.roomCreated.completeExceptionally(new IllegalStateException("answered " + text));
			}
		}

		private void finish(boolean ok, String failure) {
			this.driver.loop.execute(() -> {
				if (!this.finished) {
					this.finished = true;
					this.driver.ended(ok, failure);
				}
			});
		}

	}

	/**
	 * What one run asks for: the server's {@code ws://host:port}, new connections per
	 * second, at most how many in flight, seconds of starting them, the source addresses
	 * to spread them over, the server's pid for its file descriptors (0 for none), the
	 * seconds between samples over time (0 for none), the PNG to draw them in (or
	 * {@code null}) and the command to name under its title.
	 */
	record Settings(String url, int rate, int concurrency, double seconds, List<String> sourceAddresses, long serverPid,
			double sampleSeconds, @Nullable String plot, String command) {

		/** A run without samples over time. */
		Settings(String url, int rate, int concurrency, double seconds, List<String> sourceAddresses, long serverPid) {
			this(url, rate, concurrency, seconds, sourceAddresses, serverPid, 0, null, "");
		}

		/**
		 * From the generator's options: {@code rate} (200 per second),
		 * {@code concurrency} (64), {@code sample-seconds} (10) and {@code plot} (none).
		 */
		static Settings of(String url, Map<String, String> options, double seconds, List<String> sources, long pid,
				String command) {
			return new Settings(url, Integer.parseInt(options.getOrDefault("rate", "200")),
					Integer.parseInt(options.getOrDefault("concurrency", "64")), seconds, sources, pid,
					Double.parseDouble(options.getOrDefault("sample-seconds", "10")), options.get("plot"), command);
		}

	}

	/**
	 * What one run measured: handshake latency in microseconds from the scheduled start
	 * to the completed upgrade; server file descriptors before and after (-1 when
	 * unknown); connections the server still reports once settled (-1 when it reports
	 * none); server CPU seconds while the measured connections ran, warm-up excluded (-1
	 * when unknown).
	 */
	record Result(int rate, long attempts, long completed, long failed, double seconds, Histogram handshakeMicros,
			int fdBefore, int fdAfter, long serverConnections, double serverCpuSeconds, String firstFailure) {

		double connectionsPerSecond() {
			return this.completed / this.seconds;
		}

		@Override
		public String toString() {
			String line = String.format(
					"S5 rate=%d attempts=%d completed=%d failed=%d conn/s=%.0f p50=%dus p99=%dus max=%dus "
							+ "fdBefore=%d fdAfter=%d serverConnections=%d",
					this.rate, this.attempts, this.completed, this.failed, connectionsPerSecond(),
					this.handshakeMicros.getValueAtPercentile(50), this.handshakeMicros.getValueAtPercentile(99),
					this.handshakeMicros.getMaxValue(), this.fdBefore, this.fdAfter, this.serverConnections);
			if (this.serverCpuSeconds >= 0 && this.completed > 0) {
				line += String.format(" serverCpu=%.2fs cpuPerConnection=%.2fus", this.serverCpuSeconds,
						this.serverCpuSeconds * 1e6 / this.completed);
			}
			return line;
		}

	}

}
