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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import io.netty.channel.EventLoopGroup;

/**
 * Memory under abuse: starts the packaged jar (G1, Native Memory Tracking on, not pinned,
 * the default heap), lets two bystander pairs talk for a warm-up and records a baseline,
 * runs {@link AbuseMix} for {@code --minutes} while sampling every
 * {@code --sample-seconds}, stops the abuse, keeps sampling through
 * {@code --settle-minutes} and records "after". Each sample: RSS, committed heap (NMT),
 * used heap and Netty's pooled direct memory (both scraped from
 * {@code /actuator/prometheus}), NMT's {@code Other} (all direct memory). The live heap
 * after a forced collection is read only at the baseline and at the very end, after the
 * "after" sample, so that no forced collection helps the node give memory back. The
 * samples are also drawn, over time, as {@code abuse-soak-memory.png} next to the report.
 * Run:
 *
 * <pre>
 * ./mvnw -o -q -DskipTests package
 * ./mvnw -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
 * java -cp "target/test-classes:$(cat target/bench-cp.txt)" dev.junction.bench.AbuseSoak --minutes=10
 * </pre>
 *
 * Options: {@code minutes} (10), {@code settle-minutes} (2), {@code warmup-seconds} (30),
 * {@code sample-seconds} (30), {@code large-frame-mb} (30), {@code port} (18090),
 * {@code jvm-args} (extra server JVM flags, comma-separated), {@code server-args} (extra
 * server arguments, comma-separated), {@code out} ({@code target/bench/abuse-soak.md}).
 */
public final class AbuseSoak {

	private static final Pattern PROMETHEUS_LINE = Pattern
		.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? ([-+0-9.eE]+|NaN)$");

	private final int port;

	private final ServerMemory memory;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Instant start = Instant.now();

	private final List<String> lines = new ArrayList<>();

	/** The samples of the warm-up, the abuse and the settling, for the plot. */
	private final List<Sample> samples = new ArrayList<>();

	private AbuseSoak(long pid, int port) {
		this.port = port;
		this.memory = new ServerMemory(pid, true);
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = IdleConnections.options(args);
		double minutes = Double.parseDouble(options.getOrDefault("minutes", "10"));
		double settleMinutes = Double.parseDouble(options.getOrDefault("settle-minutes", "2"));
		long warmupSeconds = Long.parseLong(options.getOrDefault("warmup-seconds", "30"));
		long sampleSeconds = Long.parseLong(options.getOrDefault("sample-seconds", "30"));
		int largeFrameBytes = Integer.parseInt(options.getOrDefault("large-frame-mb", "30")) * 1024 * 1024;
		int port = Integer.parseInt(options.getOrDefault("port", "18090"));
		Path root = Path.of("").toAbsolutePath();
		Path out = root.resolve(options.getOrDefault("out", "target/bench/abuse-soak.md"));
		List<String> command = serverCommand(root, port, list(options.get("jvm-args")),
				list(options.get("server-args")));
		BenchServers.Server server = new BenchServers.Server("junction-soak", port, BenchServers.SECRET, Set.of(),
				command);
		EventLoopGroup group = BenchSocket.group(2);
		try (BenchServers.Running running = new BenchServers(root).start(server)) {
			AbuseSoak soak = new AbuseSoak(running.pid(), port);
			soak.log("# "
					+ String.join(" ", command).replaceAll(" -cp \\S+", " -cp <target/classes:target/bench-cp.txt>"));
			String url = "ws://127.0.0.1:" + port;
			try (Bystanders bystanders = Bystanders.start(group, url, BenchServers.SECRET, 20)) {
				Thread.sleep(warmupSeconds * 1000);
				Sample baseline = soak.sample("baseline");
				long baselineLive = soak.liveHeap();
				soak.log("baseline live heap after a forced GC: " + mb(baselineLive));
				List<Sample> during = new ArrayList<>();
				long abuseFrom = soak.seconds();
				AbuseMix mix = AbuseMix.start(group,
						new AbuseMix.Settings(url, BenchServers.SECRET, largeFrameBytes, 3000));
				long abuseEnd = System.nanoTime() + (long) (minutes * 60e9);
				try {
					while (System.nanoTime() < abuseEnd) {
						Thread.sleep(Math.min(sampleSeconds * 1000,
								Math.max(1, (abuseEnd - System.nanoTime()) / 1_000_000)));
						during.add(soak.sample("during"));
						soak.log("  abuse " + mix.counts() + " bystanders " + bystanders.counts());
					}
				}
				finally {
					mix.close();
				}
				long abuseTo = soak.seconds();
				soak.log("abuse stopped: " + mix.counts());
				long settleEnd = System.nanoTime() + (long) (settleMinutes * 60e9);
				Sample after = soak.sample("stopped");
				while (System.nanoTime() < settleEnd) {
					Thread.sleep(
							Math.min(sampleSeconds * 1000, Math.max(1, (settleEnd - System.nanoTime()) / 1_000_000)));
					after = soak.sample("settling");
				}
				Bystanders.Counts counts = bystanders.stop(10);
				long afterLive = soak.liveHeap();
				Sample forced = soak.sample("after forced GC");
				soak.log("bystanders: " + counts + (counts.clean() ? " (nothing lost)" : " (NOT CLEAN)"));
				soak.summary(baseline, during, after, forced, baselineLive, afterLive, settleMinutes);
				Files.createDirectories(out.getParent());
				Path plot = BenchFigures.abuseSoak(soak.samples, abuseFrom, abuseTo,
						"bench.sh abuse-soak " + String.join(" ", args) + "   ·   " + LocalDate.now(ZoneOffset.UTC)
								+ "   ·   the forced GC at the end is not shown",
						out.resolveSibling("abuse-soak-memory.png"));
				System.out.println("plot written to " + plot);
			}
			Files.createDirectories(out.getParent());
			Files.write(out, soak.lines);
			System.out.println("written to " + out);
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	static List<String> serverCommand(Path root, int port, List<String> jvmArgs, List<String> serverArgs) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-XX:+UseG1GC", "-XX:NativeMemoryTracking=summary"));
		command.addAll(jvmArgs);
		command.addAll(launch(root));
		command.addAll(List.of("--server.port=" + port, "--logging.level.root=WARN",
				"--junction.protocols.rooms.auth=none", "--junction.auth.hmac-secret=" + BenchServers.SECRET,
				// The abuse comes from one address: let it in, so that it reaches the
				// relay.
				"--junction.limits.upgrades-per-second-per-address=100000",
				"--junction.limits.max-connections-per-address=100000",
				"--junction.limits.failed-auth-per-minute-per-address=100000", "--junction.shutdown.drain-spread=0s",
				"--junction.shutdown.drain-timeout=1s"));
		command.addAll(serverArgs);
		return command;
	}

	/**
	 * The packaged jar, or, when the build could not repackage it (an offline build
	 * without Spring Boot's loader tools), the main class on the class path of the
	 * classes and {@code target/bench-cp.txt}.
	 */
	private static List<String> launch(Path root) {
		Path jar;
		try (Stream<Path> files = Files.list(root.resolve("target"))) {
			jar = files.filter((file) -> file.getFileName().toString().matches("junction-[^/]*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no junction jar in target/: run ./mvnw package"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list target/", ex);
		}
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			if (zip.getEntry("BOOT-INF/") != null) {
				return List.of("-jar", jar.toString());
			}
			return List.of("-cp",
					root.resolve("target/classes") + ":" + Files.readString(root.resolve("target/bench-cp.txt")).trim(),
					"dev.junction.JunctionApplication");
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + jar + " or target/bench-cp.txt", ex);
		}
	}

	private static List<String> list(String value) {
		return (value == null || value.isBlank()) ? List.of() : List.of(value.split(","));
	}

	private Sample sample(String phase) {
		ServerMemory.NativeMemory nmt = this.memory.nativeMemory();
		Map<String, Double> metrics = scrape();
		Sample sample = new Sample(phase, seconds(), this.memory.rss(), (nmt != null) ? nmt.heapCommitted() : -1,
				(long) sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""),
				(long) sum(metrics, "junction_netty_allocator_used_direct_memory_bytes", ""),
				(nmt != null) ? nmt.direct() : -1, (long) sum(metrics, "junction_connections_active", ""));
		log(sample.toString());
		if (!phase.equals("after forced GC")) {
			this.samples.add(sample);
		}
		if (nmt != null && !phase.equals("during") && !phase.equals("settling")) {
			StringBuilder categories = new StringBuilder("  NMT committed ").append(mb(nmt.committed())).append(':');
			nmt.committedByCategory()
				.forEach((name, bytes) -> categories.append(' ').append(name).append('=').append(mb(bytes)));
			log(categories.toString());
		}
		return sample;
	}

	private long seconds() {
		return Duration.between(this.start, Instant.now()).toSeconds();
	}

	private long liveHeap() {
		ServerMemory.Histogram histogram = this.memory.histogram();
		return (histogram != null) ? histogram.liveBytes() : -1;
	}

	private Map<String, Double> scrape() {
		Map<String, Double> metrics = new HashMap<>();
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(20))
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher line = PROMETHEUS_LINE.matcher(response.body());
			while (line.find()) {
				String labels = (line.group(2) != null) ? line.group(2) : "";
				metrics.put(line.group(1) + labels, Double.parseDouble(line.group(3)));
			}
		}
		catch (Exception ex) {
			log("scrape failed: " + ex);
		}
		return metrics;
	}

	/**
	 * The sum of every series of {@code name} whose labels contain {@code label}, or
	 * {@code -1} when there is none.
	 */
	private static double sum(Map<String, Double> metrics, String name, String label) {
		boolean found = false;
		double total = 0;
		for (Map.Entry<String, Double> entry : metrics.entrySet()) {
			String key = entry.getKey();
			int brace = key.indexOf('{');
			if (((brace < 0) ? key : key.substring(0, brace)).equals(name) && key.contains(label)) {
				total += entry.getValue();
				found = true;
			}
		}
		return found ? total : -1;
	}

	private void summary(Sample baseline, List<Sample> during, Sample after, Sample forced, long baselineLive,
			long afterLive, double settleMinutes) {
		Sample peak = new Sample("peak during", 0, max(during, Sample::rss), max(during, Sample::heapCommitted),
				max(during, Sample::heapUsed), max(during, Sample::nettyDirect), max(during, Sample::nmtDirect),
				max(during, Sample::connections));
		log("");
		log("| | RSS | heap committed | heap used | live heap (forced GC) | Netty pooled direct | NMT Other (direct) |");
		log("|---|---|---|---|---|---|---|");
		log(row("baseline", baseline, baselineLive));
		log(row("peak during", peak, -1));
		log(row("after " + settleMinutes + " min", after, -1));
		log(row("after a forced GC", forced, afterLive));
		log(row("margin (after − baseline)",
				new Sample("", 0, after.rss() - baseline.rss(), after.heapCommitted() - baseline.heapCommitted(),
						after.heapUsed() - baseline.heapUsed(), after.nettyDirect() - baseline.nettyDirect(),
						after.nmtDirect() - baseline.nmtDirect(), 0),
				afterLive - baselineLive));
	}

	private static long max(List<Sample> samples, ToLongFunction<Sample> value) {
		return samples.stream().mapToLong(value).max().orElse(-1);
	}

	private static String row(String name, Sample sample, long live) {
		return "| " + name + " | " + mb(sample.rss()) + " | " + mb(sample.heapCommitted()) + " | "
				+ mb(sample.heapUsed()) + " | " + ((live == -1) ? "" : mb(live)) + " | " + mb(sample.nettyDirect())
				+ " | " + mb(sample.nmtDirect()) + " |";
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
	}

	private void log(String line) {
		this.lines.add(line);
		System.out.println(line);
	}

	/**
	 * One sample of the server's memory.
	 *
	 * @param phase baseline, during, settling, ...
	 * @param second seconds since the start
	 * @param rss resident set size
	 * @param heapCommitted the heap NMT counts as committed
	 * @param heapUsed the used heap (live and garbage), from Micrometer's JVM meters
	 * @param nettyDirect the direct memory Netty's allocator has handed out, from
	 * Junction's meter
	 * @param nmtDirect NMT's {@code Other}: every direct buffer
	 * @param connections open connections
	 */
	record Sample(String phase, long second, long rss, long heapCommitted, long heapUsed, long nettyDirect,
			long nmtDirect, long connections) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%-16s t=%4ds rss=%s heapCommitted=%s heapUsed=%s nettyDirect=%s nmtDirect=%s connections=%d",
					this.phase, this.second, mb(this.rss), mb(this.heapCommitted), mb(this.heapUsed),
					mb(this.nettyDirect), mb(this.nmtDirect), this.connections);
		}

	}

}
