package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * The figures the suite draws from its own results ({@link BenchPlots}): S1's saturation
 * steps per server and room size, S5's churn per offered rate, and the abuse soak's
 * memory over time.
 */
final class BenchFigures {

	private static final int WIDTH = 900;

	private static final int HEIGHT = 500;

	private BenchFigures() {
	}

	/**
	 * Writes {@code s1-saturation-throughput.png}, {@code s1-saturation-cpu.png},
	 * {@code s1-saturation-p99.png} and {@code s5-churn.png} into {@code directory} for
	 * the scenarios that ran.
	 */
	static List<Path> write(BenchResults results, String subtitle, Path directory) throws IOException {
		List<Path> written = new ArrayList<>();
		List<BenchPlots.Chart> throughput = new ArrayList<>();
		List<BenchPlots.Chart> cpu = new ArrayList<>();
		List<BenchPlots.Chart> p99 = new ArrayList<>();
		ToDoubleFunction<Map<String, String>> stepOffered = (line) -> BenchResults.number(line, "offered");
		for (Map.Entry<String, Map<String, List<Map<String, String>>>> step : results.steps().entrySet()) {
			String room = step.getKey().replaceFirst(".*, ", "");
			List<BenchPlots.Series> delivered = new ArrayList<>(
					series(step.getValue(), stepOffered, (line) -> BenchResults.number(line, "deliveries/s")));
			delivered.add(guide("offered (all delivered)", delivered, (x) -> x));
			throughput.add(new BenchPlots.Chart(room, "offered deliveries/s", "deliveries/s", delivered));
			cpu.add(new BenchPlots.Chart(room, "offered deliveries/s", "server CPU per delivery (µs)",
					series(step.getValue(), stepOffered, (line) -> BenchResults.number(line, "cpuPerDelivery"))));
			List<BenchPlots.Series> latency = new ArrayList<>(
					series(step.getValue(), stepOffered, (line) -> BenchResults.number(line, "p99") / 1000));
			latency.add(guide("p99 limit of a passing step (100 ms)", latency, (x) -> 100));
			p99.add(new BenchPlots.Chart(room, "offered deliveries/s", "p99 latency (ms)", latency));
		}
		if (!throughput.isEmpty()) {
			String note = subtitle + "   ·   hollow: the step failed";
			written.add(write(figure("S1 saturation steps: delivered vs. offered", note, throughput), directory,
					"s1-saturation-throughput.png"));
			written.add(write(figure("S1 saturation steps: server CPU per delivery", note, cpu), directory,
					"s1-saturation-cpu.png"));
			written.add(write(figure("S1 saturation steps: p99 latency, scheduled send to receipt", note, p99),
					directory, "s1-saturation-p99.png"));
		}
		Map<String, List<Map<String, String>>> churn = new LinkedHashMap<>();
		results.cases().forEach((title, servers) -> servers.forEach((server, lines) -> {
			if (title.startsWith("S5")) {
				churn.computeIfAbsent(server, (key) -> new ArrayList<>()).addAll(lines);
			}
		}));
		if (!churn.isEmpty()) {
			ToDoubleFunction<Map<String, String>> offered = (line) -> BenchResults.number(line, "rate");
			List<BenchPlots.Chart> panels = List.of(
					new BenchPlots.Chart("completed", "offered connections/s", "connections/s",
							series(churn, offered, (line) -> BenchResults.number(line, "conn/s"))),
					new BenchPlots.Chart("handshake p99", "offered connections/s", "ms",
							series(churn, offered, (line) -> BenchResults.number(line, "p99") / 1000)),
					new BenchPlots.Chart("server CPU per connection", "offered connections/s", "ms",
							series(churn, offered, (line) -> BenchResults.number(line, "cpuPerConnection") / 1000)));
			written.add(write(
					new BenchPlots.Figure("S5 connection churn (median of rounds)", subtitle, WIDTH, HEIGHT, 3, panels),
					directory, "s5-churn.png"));
		}
		return written;
	}

	/**
	 * Writes the abuse soak's memory over time; {@code abuseFrom} and {@code abuseTo} (s)
	 * shade the abuse.
	 */
	static Path abuseSoak(List<AbuseSoak.Sample> samples, long abuseFrom, long abuseTo, String subtitle, Path file)
			throws IOException {
		List<BenchPlots.Series> series = List.of(memory("RSS", samples, AbuseSoak.Sample::rss),
				memory("heap committed", samples, AbuseSoak.Sample::heapCommitted),
				memory("heap used", samples, AbuseSoak.Sample::heapUsed),
				memory("Netty direct", samples, AbuseSoak.Sample::nettyDirect),
				memory("NMT Other (direct)", samples, AbuseSoak.Sample::nmtDirect));
		BenchPlots.Chart chart = new BenchPlots.Chart("", "seconds since the soak started", "MB", series,
				List.of(new BenchPlots.Span(abuseFrom, abuseTo, "abuse")));
		BenchPlots.write(new BenchPlots.Figure("Abuse soak: server memory over time", subtitle, WIDTH, HEIGHT, 1,
				List.of(chart)), file);
		return file;
	}

	/** A dashed guide line {@code y = f(x)} over the steps any server ran. */
	private static BenchPlots.Series guide(String name, List<BenchPlots.Series> servers, DoubleUnaryOperator f) {
		TreeMap<Double, Double> points = new TreeMap<>();
		servers
			.forEach((series) -> series.points().forEach((point) -> points.put(point.x(), f.applyAsDouble(point.x()))));
		List<BenchPlots.Point> line = new ArrayList<>();
		points.forEach((x, y) -> line.add(new BenchPlots.Point(x, y)));
		return new BenchPlots.Series(name, line, true);
	}

	private static BenchPlots.Figure figure(String title, String subtitle, List<BenchPlots.Chart> panels) {
		int columns = (panels.size() <= 2) ? panels.size() : 2;
		return new BenchPlots.Figure(title + " (median of rounds)", subtitle, WIDTH,
				(panels.size() <= 2) ? HEIGHT : 620, columns, panels);
	}

	private static BenchPlots.Series memory(String name, List<AbuseSoak.Sample> samples,
			ToDoubleFunction<AbuseSoak.Sample> bytes) {
		List<BenchPlots.Point> points = new ArrayList<>();
		for (AbuseSoak.Sample sample : samples) {
			double value = bytes.applyAsDouble(sample);
			points.add(new BenchPlots.Point(sample.second(), (value < 0) ? Double.NaN : value / 1048576.0));
		}
		return new BenchPlots.Series(name, points);
	}

	/**
	 * One series per server: the median over the rounds of {@code y} at each value of
	 * {@code x}, in order of x; a point is open when a step there failed in any round
	 * ({@code kept=false}).
	 */
	static List<BenchPlots.Series> series(Map<String, List<Map<String, String>>> servers,
			ToDoubleFunction<Map<String, String>> x, ToDoubleFunction<Map<String, String>> y) {
		List<BenchPlots.Series> series = new ArrayList<>();
		servers.forEach((server, lines) -> {
			Map<Double, List<Double>> byX = new TreeMap<>();
			Set<Double> failed = new HashSet<>();
			for (Map<String, String> line : lines) {
				double key = x.applyAsDouble(line);
				double value = y.applyAsDouble(line);
				if (Double.isFinite(key) && Double.isFinite(value)) {
					byX.computeIfAbsent(key, (k) -> new ArrayList<>()).add(value);
					if ("false".equals(line.get("kept"))) {
						failed.add(key);
					}
				}
			}
			List<BenchPlots.Point> points = new ArrayList<>();
			byX.forEach((key, values) -> points
				.add(new BenchPlots.Point(key, BenchResults.median(values), failed.contains(key))));
			series.add(new BenchPlots.Series(server, points));
		});
		return series;
	}

	private static Path write(BenchPlots.Figure figure, Path directory, String name) throws IOException {
		Path file = directory.resolve(name);
		BenchPlots.write(figure, file);
		return file;
	}

}
