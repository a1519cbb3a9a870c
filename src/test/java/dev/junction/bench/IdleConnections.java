package dev.junction.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Scenario S4: idle connections and the server's memory per connection. Holds a growing
 * number of idle room members (rooms of ten on {@code /ws}) in child processes
 * ({@link IdleClient}, a few thousand connections each, because one process may hold only
 * 20,000 open files), and at each step, once every member has joined and the server's RSS
 * has stopped moving, reads the server's memory: RSS, and for a JVM the live heap after a
 * full collection and NMT's direct and other native memory (see {@link ServerMemory}).
 * Prints one line per step and a slope line.
 *
 * <p>
 * Arguments, all {@code --key=value}, after {@code --scenario=s4}: {@code url}
 * (ws://127.0.0.1:8080), {@code server-pid}, {@code steps} (2500,5000,10000,19000),
 * {@code per-child} (connections per child process, 5000), {@code sources} (how many of
 * 127.0.0.2, 127.0.0.3, … the children bind to, round robin, 16), {@code room-size} (10),
 * {@code parallel} (rooms each child joins at once, 4), {@code warmup} (connections
 * opened and closed before the baseline, 200), {@code settle-seconds} (how long RSS must
 * stay within {@code settle-kib} for a measurement, 3 and 1024), {@code settle-max} (the
 * longest wait for that, 60 seconds), {@code hold} (seconds to keep the top step open
 * before closing, 0; more than the server's ping interval shows that pings are answered),
 * {@code classes} (how many classes with the largest heap growth per connection to list,
 * 0), {@code child-heap} (256m).
 */
final class IdleConnections implements AutoCloseable {

	/** Memory values that get a per-connection figure, in output order. */
	private static final List<String> MEMORY = List.of("rss", "rssGc", "heap", "direct", "native", "user");

	private static final Pattern COUNT = Pattern.compile("(\\w+)=(\\d+)");

	private final Settings settings;

	private final ServerMemory memory;

	private final Consumer<String> log;

	private final List<Child> children = new ArrayList<>();

	private int connections;

	IdleConnections(Settings settings, Consumer<String> log) {
		this.settings = settings;
		this.memory = new ServerMemory(settings.serverPid(),
				(settings.serverPid() > 0) && ServerMemory.isJvm(settings.serverPid()));
		this.log = log;
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			String[] parts = arg.replaceFirst("^--", "").split("=", 2);
			options.put(parts[0], (parts.length > 1) ? parts[1] : "true");
		}
		return options;
	}

	/**
	 * The command-line run: prints each step's line as it is measured, then the slope
	 * line; progress goes to stderr.
	 */
	static void run(Map<String, String> options) throws Exception {
		// The result lines are this command-line tool's output, read by
		// run-benchmarks.sh; progress goes to stderr.
		Result result = run(Settings.from(options), System.out::println, System.err::println);
		System.out.println(result);
		result.classLines().forEach(System.out::println);
	}

	static Result run(Settings settings, Consumer<String> out, Consumer<String> log) throws Exception {
		try (IdleConnections scenario = new IdleConnections(settings, log)) {
			scenario.warmUp();
			List<Sample> samples = new ArrayList<>();
			Sample baseline = scenario.measure(0, 0, null);
			out.accept(baseline.toString());
			samples.add(baseline);
			for (int step : settings.steps()) {
				long start = System.nanoTime();
				scenario.openTo(step);
				Sample sample = scenario.measure(step, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
						baseline);
				out.accept(sample.toString());
				samples.add(sample);
			}
			scenario.hold();
			Counts end = scenario.status();
			return new Result(samples, end, settings.classes());
		}
	}

	/**
	 * Opens and closes the warm-up connections in a child of their own, so that the
	 * server's one-time costs (classes loaded, code compiled, pools created) are in the
	 * baseline rather than in the first step.
	 */
	void warmUp() throws Exception {
		if (this.settings.warmup() <= 0) {
			return;
		}
		try (Child child = new Child(-1)) {
			child.send("open " + this.settings.warmup());
			Counts counts = child.await("ready", openTimeout(this.settings.warmup()));
			child.send("close");
			child.await("closed", TimeUnit.SECONDS.toNanos(30));
			this.log.accept("S4 warm-up: " + counts);
		}
	}

	/**
	 * Opens connections until {@code target} are held, filling children up to
	 * {@code per-child} before starting new ones, all children opening at once; fails
	 * unless every connection is open and joined.
	 */
	void openTo(int target) throws Exception {
		Map<Child, Integer> orders = new LinkedHashMap<>();
		int missing = target - this.connections;
		for (Child child : this.children) {
			int take = Math.min(missing, this.settings.perChild() - child.assigned);
			if (take > 0) {
				orders.put(child, take);
				missing -= take;
			}
		}
		while (missing > 0) {
			Child child = new Child(this.children.size());
			this.children.add(child);
			int take = Math.min(missing, this.settings.perChild());
			orders.put(child, take);
			missing -= take;
		}
		orders.forEach((child, count) -> {
			child.send("open " + count);
			child.assigned += count;
		});
		for (Map.Entry<Child, Integer> order : orders.entrySet()) {
			order.getKey().await("ready", openTimeout(order.getValue()));
		}
		this.connections = target;
		Counts counts = status();
		if (counts.joined() != target || counts.failed() != 0 || counts.closed() != 0) {
			throw new IllegalStateException("S4: asked for " + target + " idle members, children have " + counts);
		}
	}

	private long openTimeout(int count) {
		return TimeUnit.SECONDS.toNanos(60) + TimeUnit.MILLISECONDS.toNanos(20L * count);
	}

	/**
	 * Every child's counts, asked for now and summed.
	 */
	Counts status() throws Exception {
		Counts total = new Counts(0, 0, 0, 0);
		for (Child child : this.children) {
			child.send("status");
			total = total.plus(child.await("status", TimeUnit.SECONDS.toNanos(30)));
		}
		return total;
	}

	/**
	 * Keeps the connections open for the hold time, asking the children every second
	 * whether any was closed (by the server's keepalive, for instance).
	 */
	private void hold() throws Exception {
		if (this.settings.holdSeconds() <= 0) {
			return;
		}
		this.log.accept("S4 holding " + this.connections + " connections for " + this.settings.holdSeconds() + "s");
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.settings.holdSeconds());
		int closed = 0;
		for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
			LockSupport.parkNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
			int now = status().closed();
			if (now > closed) {
				this.log.accept("S4 " + now + " of " + this.connections + " idle connections are closed");
				closed = now;
			}
		}
	}

	/**
	 * Waits for RSS to settle, then reads every figure there is for the server.
	 */
	Sample measure(int conns, long openMillis, @Nullable Sample baseline) {
		long start = System.nanoTime();
		boolean settled = awaitStableRss();
		long settleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		Map<String, Long> values = new LinkedHashMap<>();
		if (this.settings.serverPid() > 0) {
			values.put("rss", this.memory.rss());
		}
		ServerMemory.Histogram histogram = this.memory.histogram();
		ServerMemory.NativeMemory nativeMemory = this.memory.nativeMemory();
		if (histogram != null) {
			values.put("rssGc", this.memory.rss());
			values.put("heap", histogram.liveBytes());
		}
		if (nativeMemory != null) {
			values.put("direct", nativeMemory.direct());
			values.put("native", nativeMemory.jvmNative());
			values.put("heapCommitted", nativeMemory.heapCommitted());
		}
		if (histogram != null && nativeMemory != null) {
			values.put("user", histogram.liveBytes() + nativeMemory.direct() + nativeMemory.jvmNative());
		}
		if (this.settings.serverPid() > 0) {
			values.put("fds", this.memory.openFiles());
		}
		Map<String, Double> perConn = new LinkedHashMap<>();
		if (baseline != null && conns > 0) {
			for (String key : MEMORY) {
				Long value = values.get(key);
				Long base = baseline.values().get(key);
				if (value != null && base != null) {
					perConn.put(key, (double) (value - base) / conns);
				}
			}
		}
		return new Sample(conns, values, perConn, histogram, settled, settleMillis, openMillis);
	}

	/**
	 * Samples RSS four times a second until the samples of the last settle window lie
	 * within the tolerance, or the longest wait is over.
	 */
	private boolean awaitStableRss() {
		if (this.settings.serverPid() <= 0) {
			return true;
		}
		long interval = TimeUnit.MILLISECONDS.toNanos(250);
		int needed = (int) Math.max(2, this.settings.settleWindow().toNanos() / interval + 1);
		long deadline = System.nanoTime() + this.settings.settleMax().toNanos();
		Deque<Long> window = new ArrayDeque<>();
		while (true) {
			window.addLast(this.memory.rss());
			if (window.size() > needed) {
				window.removeFirst();
			}
			if (window.size() == needed) {
				long min = window.stream().mapToLong(Long::longValue).min().orElse(0);
				long max = window.stream().mapToLong(Long::longValue).max().orElse(0);
				if (max - min <= this.settings.settleToleranceBytes()) {
					return true;
				}
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(interval);
		}
	}

	/**
	 * Closes every child's connections and waits for the children to exit.
	 */
	@Override
	public void close() {
		for (Child child : this.children) {
			child.send("close");
		}
		for (Child child : this.children) {
			child.close();
		}
	}

	/**
	 * One child process and the thread that reads its stdout.
	 */
	private final class Child implements AutoCloseable {

		private final int index;

		private final Process process;

		private final PrintWriter commands;

		private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

		private volatile String progress = "";

		int assigned;

		Child(int index) throws IOException {
			this.index = index;
			Settings settings = IdleConnections.this.settings;
			List<String> command = new ArrayList<>();
			command.add(ProcessHandle.current()
				.info()
				.command()
				.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
			command.addAll(List.of("-Xmx" + settings.childHeap(), "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1",
					"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), IdleClient.class.getName(),
					"--url=" + settings.uri(), "--sources=" + String.join(",", settings.sourceAddresses()),
					"--room-size=" + settings.roomSize(), "--parallel=" + settings.parallel(), "--name=c" + index));
			this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
			this.commands = new PrintWriter(this.process.getOutputStream(), true, StandardCharsets.UTF_8);
			Thread reader = new Thread(this::read, "s4-child-" + index);
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("ready ") || line.startsWith("status ") || line.startsWith("closed ")) {
						this.answers.add(line);
					}
					else if (line.startsWith("progress ")) {
						this.progress = line;
					}
					else {
						IdleConnections.this.log.accept("S4 child " + this.index + ": " + line);
					}
				}
			}
			catch (IOException ex) {
				IdleConnections.this.log.accept("S4 child " + this.index + ": " + ex);
			}
		}

		void send(String command) {
			if (this.process.isAlive()) {
				this.commands.println(command);
			}
		}

		/**
		 * The child's next answer, which must be of the given kind.
		 */
		Counts await(String kind, long timeoutNanos) throws InterruptedException {
			long deadline = System.nanoTime() + timeoutNanos;
			long lastLog = System.nanoTime();
			while (true) {
				String answer = this.answers.poll(1, TimeUnit.SECONDS);
				if (answer != null) {
					if (!answer.startsWith(kind + " ")) {
						throw new IllegalStateException("S4 child " + this.index + " answered " + answer);
					}
					return Counts.parse(answer);
				}
				if (!this.process.isAlive() && this.answers.isEmpty()) {
					throw new IllegalStateException("S4 child " + this.index + " exited with "
							+ this.process.exitValue() + " while we waited for " + kind);
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"S4 child " + this.index + " did not answer " + kind + "; last " + this.progress);
				}
				if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(5) && !this.progress.isEmpty()) {
					IdleConnections.this.log.accept("S4 child " + this.index + " " + this.progress);
					lastLog = System.nanoTime();
				}
			}
		}

		@Override
		public void close() {
			this.commands.close();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * Connections counted by the children: handshakes completed, members joined, members
	 * that could not be opened or joined, and connections closed since.
	 */
	record Counts(int opened, int joined, int failed, int closed) {

		static Counts parse(String line) {
			Map<String, Integer> values = new HashMap<>();
			Matcher matcher = COUNT.matcher(line);
			while (matcher.find()) {
				values.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
			}
			return new Counts(values.getOrDefault("opened", 0), values.getOrDefault("joined", 0),
					values.getOrDefault("failed", 0), values.getOrDefault("closed", 0));
		}

		Counts plus(Counts other) {
			return new Counts(this.opened + other.opened, this.joined + other.joined, this.failed + other.failed,
					this.closed + other.closed);
		}

		@Override
		public String toString() {
			return "opened=" + this.opened + " joined=" + this.joined + " failed=" + this.failed + " closed="
					+ this.closed;
		}

	}

	/**
	 * One step's measurement: memory values in bytes ({@code fds} in descriptors), their
	 * growth per connection over the baseline, whether RSS settled and how long settling
	 * and opening took.
	 */
	record Sample(int conns, Map<String, Long> values, Map<String, Double> perConn,
			ServerMemory.@Nullable Histogram histogram, boolean settled, long settleMillis, long openMillis) {

		@Override
		public String toString() {
			StringBuilder line = new StringBuilder("S4 conns=").append(this.conns);
			this.values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
			this.perConn.forEach((key,
					value) -> line.append(' ').append(key).append("PerConn=").append(String.format("%.0f", value)));
			return line.append(" settled=")
				.append(this.settled)
				.append(" settleMs=")
				.append(this.settleMillis)
				.append(" openMs=")
				.append(this.openMillis)
				.toString();
		}

	}

	/**
	 * The run: the baseline and every step, the children's counts at the end, and the
	 * least-squares slope of each memory value over the steps (the baseline left out, so
	 * that what the first connections cost once does not count as per-connection cost;
	 * with a single step, its growth over the baseline).
	 */
	record Result(List<Sample> samples, Counts end, int classes) {

		Map<String, Double> slope() {
			Map<String, Double> slope = new LinkedHashMap<>();
			List<Sample> steps = this.samples.subList(1, this.samples.size());
			for (String key : MEMORY) {
				if (steps.isEmpty() || steps.stream().anyMatch((sample) -> !sample.values().containsKey(key))) {
					continue;
				}
				if (steps.size() == 1) {
					slope.put(key, steps.get(0).perConn().get(key));
					continue;
				}
				double meanX = steps.stream().mapToDouble(Sample::conns).average().orElse(0);
				double meanY = steps.stream().mapToDouble((sample) -> sample.values().get(key)).average().orElse(0);
				double covariance = 0;
				double variance = 0;
				for (Sample sample : steps) {
					covariance += (sample.conns() - meanX) * (sample.values().get(key) - meanY);
					variance += (sample.conns() - meanX) * (sample.conns() - meanX);
				}
				slope.put(key, covariance / variance);
			}
			return slope;
		}

		/**
		 * The classes whose live bytes grew most per connection from the baseline to the
		 * last step, one line each, when asked for and both histograms exist.
		 */
		List<String> classLines() {
			Sample first = this.samples.get(0);
			Sample last = this.samples.get(this.samples.size() - 1);
			if (this.classes <= 0 || first.histogram() == null || last.histogram() == null || last.conns() == 0) {
				return List.of();
			}
			Map<String, Long> before = first.histogram().bytesByClass();
			Map<String, Long> instancesBefore = first.histogram().instancesByClass();
			List<String> lines = new ArrayList<>();
			last.histogram()
				.bytesByClass()
				.entrySet()
				.stream()
				.sorted(Comparator.comparingLong(
						(Map.Entry<String, Long> entry) -> entry.getValue() - before.getOrDefault(entry.getKey(), 0L))
					.reversed())
				.limit(this.classes)
				.forEach((entry) -> {
					long bytes = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
					long instances = last.histogram().instancesByClass().getOrDefault(entry.getKey(), 0L)
							- instancesBefore.getOrDefault(entry.getKey(), 0L);
					lines.add(String.format("S4 class rank=%d bytesPerConn=%.1f instancesPerConn=%.2f name=%s",
							lines.size() + 1, (double) bytes / last.conns(), (double) instances / last.conns(),
							entry.getKey()));
				});
			return lines;
		}

		@Override
		public String toString() {
			StringBuilder line = new StringBuilder("S4 slope steps=").append(this.samples.size() - 1);
			slope().forEach((key,
					value) -> line.append(' ').append(key).append("PerConn=").append(String.format("%.0f", value)));
			return line.append(" joined=")
				.append(this.end.joined())
				.append(" failed=")
				.append(this.end.failed())
				.append(" closed=")
				.append(this.end.closed())
				.toString();
		}

	}

	/**
	 * What one run asks for; see the class comment for the matching arguments.
	 */
	record Settings(URI uri, long serverPid, List<Integer> steps, int perChild, List<String> sourceAddresses,
			int roomSize, int parallel, int warmup, Duration settleWindow, long settleToleranceBytes,
			Duration settleMax, long holdSeconds, int classes, String childHeap) {

		static Settings from(Map<String, String> options) {
			return new Settings(URI.create(options.getOrDefault("url", "ws://127.0.0.1:8080") + "/ws"),
					Long.parseLong(options.getOrDefault("server-pid", "0")),
					Arrays.stream(options.getOrDefault("steps", "2500,5000,10000,19000").split(","))
						.map(String::trim)
						.map(Integer::valueOf)
						.toList(),
					Integer.parseInt(options.getOrDefault("per-child", "5000")),
					LoadGenerator.sourceAddresses(Integer.parseInt(options.getOrDefault("sources", "16"))),
					Integer.parseInt(options.getOrDefault("room-size", "10")),
					Integer.parseInt(options.getOrDefault("parallel", "4")),
					Integer.parseInt(options.getOrDefault("warmup", "200")),
					Duration.ofMillis((long) (Double.parseDouble(options.getOrDefault("settle-seconds", "3")) * 1000)),
					Long.parseLong(options.getOrDefault("settle-kib", "1024")) * 1024,
					Duration.ofSeconds(Long.parseLong(options.getOrDefault("settle-max", "60"))),
					Long.parseLong(options.getOrDefault("hold", "0")),
					Integer.parseInt(options.getOrDefault("classes", "0")), options.getOrDefault("child-heap", "256m"));
		}

	}

}
