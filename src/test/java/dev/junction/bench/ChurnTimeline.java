package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.HdrHistogram.Histogram;

/**
 * Scenario S5 over time: every few seconds while the churn runs, the connections
 * completed and failed in the interval, the handshake p50 and p99 of the upgrades in it,
 * and the server's RSS, open files and CPU, each printed as one {@code churn-sample} line
 * and kept for a plot. Before and after figures alone would hide a slow climb that
 * settles again, or a stall in the middle of a long run.
 */
final class ChurnTimeline implements Runnable {

	private final long serverPid;

	private final LongSupplier completed;

	private final LongSupplier failed;

	private final Supplier<Histogram> handshakes;

	private final Consumer<String> out;

	private final ServerMemory memory;

	private final List<Sample> samples = new ArrayList<>();

	private final long start;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "churn-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private long lastAt;

	private long lastCompleted;

	private long lastFailed;

	private double lastCpu;

	/**
	 * A timeline of one run, its first interval starting at {@code start}.
	 * @param serverPid the server's pid, 0 for none
	 * @param start {@link System#nanoTime()} when the measured churn starts
	 * @param completed connections completed so far
	 * @param failed connections failed so far
	 * @param handshakes handshake latencies in microseconds since the last call (the
	 * supplier resets them)
	 * @param out where each sample's line goes
	 */
	ChurnTimeline(long serverPid, long start, LongSupplier completed, LongSupplier failed,
			Supplier<Histogram> handshakes, Consumer<String> out) {
		this.serverPid = serverPid;
		this.start = start;
		this.completed = completed;
		this.failed = failed;
		this.handshakes = handshakes;
		this.out = out;
		this.memory = new ServerMemory(serverPid, false);
		this.lastAt = start;
		this.lastCpu = ProcessCpu.seconds(serverPid);
	}

	/** Samples every {@code seconds} from the start, on a thread of its own. */
	void begin(double seconds) {
		long period = (long) (seconds * 1e9);
		this.timer.scheduleAtFixedRate(this, Math.max(0, this.start + period - System.nanoTime()), period,
				TimeUnit.NANOSECONDS);
	}

	@Override
	public void run() {
		sample();
	}

	/**
	 * Stops sampling, takes a last sample of the rest of the run when it is at least a
	 * second long, and returns every sample.
	 */
	List<Sample> end() {
		this.timer.shutdownNow();
		try {
			this.timer.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this) {
			if (System.nanoTime() - this.lastAt >= TimeUnit.SECONDS.toNanos(1)) {
				sample();
			}
			return List.copyOf(this.samples);
		}
	}

	private synchronized void sample() {
		long now = System.nanoTime();
		double interval = (now - this.lastAt) / 1e9;
		if (interval <= 0) {
			return;
		}
		long completedNow = this.completed.getAsLong();
		long failedNow = this.failed.getAsLong();
		double cpu = ProcessCpu.seconds(this.serverPid);
		Histogram handshake = this.handshakes.get();
		boolean any = handshake.getTotalCount() > 0;
		Sample sample = new Sample((now - this.start) / 1e9, (completedNow - this.lastCompleted) / interval,
				(failedNow - this.lastFailed) / interval, any ? handshake.getValueAtPercentile(50) : -1,
				any ? handshake.getValueAtPercentile(99) : -1, this.memory.rss(),
				ConnectionChurn.openFiles(this.serverPid),
				(cpu >= 0 && this.lastCpu >= 0) ? (cpu - this.lastCpu) * 100 / interval : -1);
		this.lastAt = now;
		this.lastCompleted = completedNow;
		this.lastFailed = failedNow;
		this.lastCpu = cpu;
		this.samples.add(sample);
		this.out.accept(sample.toString());
	}

	/**
	 * The samples drawn as one figure: connections per second against the offered rate,
	 * handshake latency, server CPU, RSS and open files, over the seconds of the run.
	 */
	static BenchPlots.Figure figure(List<Sample> samples, int rate, int concurrency, String subtitle) {
		String x = "seconds since the churn started";
		List<BenchPlots.Series> connections = List.of(series("completed", samples, Sample::completedPerSecond),
				series("failed", samples, Sample::failedPerSecond), offered(samples, rate));
		List<BenchPlots.Chart> panels = List.of(
				new BenchPlots.Chart("connections per second", x, "per second", connections),
				// Apart: a p99 of a second would flatten a p50 of a millisecond.
				new BenchPlots.Chart("handshake p50", x, "ms",
						List.of(series("p50", samples, (s) -> millis(s.p50Micros())))),
				new BenchPlots.Chart("handshake p99", x, "ms",
						List.of(series("p99", samples, (s) -> millis(s.p99Micros())))),
				new BenchPlots.Chart("server CPU", x, "% of one core",
						List.of(series("server CPU", samples, (s) -> unknown(s.serverCpuPercent())))),
				new BenchPlots.Chart("server RSS", x, "MB",
						List.of(series("RSS", samples,
								(s) -> (s.rssBytes() < 0) ? Double.NaN : s.rssBytes() / 1048576.0))),
				new BenchPlots.Chart("server open files", x, "file descriptors",
						List.of(series("open files", samples, (s) -> unknown(s.openFiles())))));
		return new BenchPlots.Figure(String.format(Locale.ROOT,
				"S5 connection churn over time: %d connections/s offered, at most %d in flight", rate, concurrency),
				subtitle, 1000, 1050, 2, panels);
	}

	/** Draws {@link #figure} as PNG. */
	static void plot(List<Sample> samples, int rate, int concurrency, String subtitle, Path file) throws IOException {
		BenchPlots.write(figure(samples, rate, concurrency, subtitle), file);
	}

	private static BenchPlots.Series offered(List<Sample> samples, int rate) {
		if (samples.isEmpty()) {
			return new BenchPlots.Series("offered", List.of(), true);
		}
		// Over the samples' span only, so that every panel has the same x axis.
		return new BenchPlots.Series("offered", List.of(new BenchPlots.Point(samples.get(0).second(), rate),
				new BenchPlots.Point(samples.get(samples.size() - 1).second(), rate)), true);
	}

	private static BenchPlots.Series series(String name, List<Sample> samples, ToDoubleFunction<Sample> value) {
		List<BenchPlots.Point> points = new ArrayList<>();
		for (Sample sample : samples) {
			points.add(new BenchPlots.Point(sample.second(), value.applyAsDouble(sample)));
		}
		return new BenchPlots.Series(name, points);
	}

	private static double millis(long micros) {
		return (micros < 0) ? Double.NaN : micros / 1000.0;
	}

	private static double unknown(double value) {
		return (value < 0) ? Double.NaN : value;
	}

	/**
	 * One interval of the run; -1 for what is unknown (no server pid, no upgrade in the
	 * interval).
	 *
	 * @param second seconds since the churn started, at the end of the interval
	 * @param completedPerSecond connections that completed in the interval, per second
	 * @param failedPerSecond connections that failed in the interval, per second
	 * @param p50Micros median handshake latency of the upgrades in the interval
	 * @param p99Micros 99th percentile of the same
	 * @param rssBytes the server's resident set size at the end of the interval
	 * @param openFiles the server's open file descriptors at the end of the interval
	 * @param serverCpuPercent server CPU in the interval, in percent of one core
	 */
	record Sample(double second, double completedPerSecond, double failedPerSecond, long p50Micros, long p99Micros,
			long rssBytes, int openFiles, double serverCpuPercent) {

		/**
		 * The sample as it is printed, {@code key=value} tokens that
		 * {@link BenchResults#parse} reads.
		 */
		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"churn-sample t=%.1fs completed/s=%.1f failed/s=%.1f p50=%dus p99=%dus rssMB=%.1f openFiles=%d "
							+ "serverCpuPct=%.1f",
					this.second, this.completedPerSecond, this.failedPerSecond, this.p50Micros, this.p99Micros,
					(this.rssBytes < 0) ? -1.0 : this.rssBytes / 1048576.0, this.openFiles, this.serverCpuPercent);
		}

		/** A sample from its printed line (RSS to a tenth of a MB). */
		static Sample parse(String line) {
			Map<String, String> values = BenchResults.parse(line);
			double rss = BenchResults.number(values, "rssMB");
			return new Sample(BenchResults.number(values, "t"), BenchResults.number(values, "completed/s"),
					BenchResults.number(values, "failed/s"), (long) BenchResults.number(values, "p50"),
					(long) BenchResults.number(values, "p99"), (rss < 0) ? -1 : Math.round(rss * 1048576.0),
					(int) BenchResults.number(values, "openFiles"), BenchResults.number(values, "serverCpuPct"));
		}

	}

}
