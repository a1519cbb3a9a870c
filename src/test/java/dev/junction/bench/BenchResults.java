package dev.junction.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result lines of a suite run, by case and server, and their Markdown tables: the
 * median and the min–max over the rounds of each figure, and the key figure's ratio to
 * the bare Netty relay.
 */
final class BenchResults {

	/** Keys counting lost, duplicated, reordered or corrupted messages: all must be 0. */
	private static final List<String> FAULTS = List.of("lost", "dup", "reordered", "badChecksums", "outOfOrder",
			"errors", "failed", "closed");

	private final Map<String, Map<String, List<Map<String, String>>>> byCase = new LinkedHashMap<>();

	private final Map<String, Map<String, List<Map<String, String>>>> steps = new LinkedHashMap<>();

	void add(String title, String server, int round, Map<String, String> line) {
		line.put("round", Integer.toString(round));
		put(this.byCase, title, server, line);
	}

	/**
	 * Records one step of a stepped case (every step, passed or not), for the plots; the
	 * tables show only what {@link #add} records.
	 */
	void addStep(String title, String server, int round, Map<String, String> line) {
		Map<String, String> copy = new LinkedHashMap<>(line);
		copy.put("round", Integer.toString(round));
		put(this.steps, title, server, copy);
	}

	/** The result lines by case title and server. */
	Map<String, Map<String, List<Map<String, String>>>> cases() {
		return this.byCase;
	}

	/** The lines of every step by case title and server. */
	Map<String, Map<String, List<Map<String, String>>>> steps() {
		return this.steps;
	}

	private static void put(Map<String, Map<String, List<Map<String, String>>>> lines, String title, String server,
			Map<String, String> line) {
		lines.computeIfAbsent(title, (key) -> new LinkedHashMap<>())
			.computeIfAbsent(server, (key) -> new ArrayList<>())
			.add(line);
	}

	/**
	 * The tokens {@code key=value} of one result line; a value loses a trailing unit
	 * ({@code us}, {@code s}).
	 */
	static Map<String, String> parse(String line) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String token : line.trim().split("\\s+")) {
			int equals = token.indexOf('=');
			if (equals > 0) {
				values.put(token.substring(0, equals), token.substring(equals + 1).replaceFirst("(us|s|B)$", ""));
			}
		}
		return values;
	}

	static double number(Map<String, String> line, String key) {
		String value = line.get(key);
		if (value == null) {
			return Double.NaN;
		}
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	String markdown(String date, int rounds, String machine) {
		StringBuilder out = new StringBuilder();
		out.append("# Benchmark results, ").append(date).append("\n\n");
		out.append("Machine: ")
			.append(machine)
			.append(". Rounds: ")
			.append(rounds)
			.append(". Each cell: median of the rounds, (min–max) when they differ. Written by `BenchSuite`.\n");
		for (Map.Entry<String, Map<String, List<Map<String, String>>>> entry : this.byCase.entrySet()) {
			table(out, entry.getKey(), entry.getValue());
		}
		return out.toString();
	}

	private static void table(StringBuilder out, String title, Map<String, List<Map<String, String>>> servers) {
		List<String> columns = BenchCases.columns(title);
		String key = BenchCases.keyFigure(title);
		out.append("\n### ").append(title).append("\n\n| server |");
		columns.forEach((column) -> out.append(' ').append(column).append(" |"));
		if (key != null) {
			out.append(" ").append(key).append(" ÷ bare |");
		}
		List<String> paired = BenchCases.pairedRatios(title);
		String base = ClusterRuns.CONFIGURATIONS.get(0);
		paired.forEach((figure) -> out.append(' ').append(figure).append(" ÷ ").append(base).append(" |"));
		out.append(" faults |\n|---|");
		columns.forEach((column) -> out.append("---|"));
		if (key != null) {
			out.append("---|");
		}
		paired.forEach((figure) -> out.append("---|"));
		out.append("---|\n");
		double bare = (key != null && servers.containsKey("bare")) ? median(values(servers.get("bare"), key))
				: Double.NaN;
		for (Map.Entry<String, List<Map<String, String>>> server : servers.entrySet()) {
			out.append("| ").append(server.getKey()).append(" |");
			for (String column : columns) {
				out.append(' ').append(cell(values(server.getValue(), column))).append(" |");
			}
			if (key != null) {
				double ratio = median(values(server.getValue(), key)) / bare;
				out.append(' ').append(Double.isFinite(ratio) ? String.format("%.2f", ratio) : "–").append(" |");
			}
			for (String figure : paired) {
				out.append(' ').append(cell(ratios(server.getValue(), servers.get(base), figure))).append(" |");
			}
			long faults = 0;
			for (Map<String, String> line : server.getValue()) {
				for (String fault : FAULTS) {
					double value = number(line, fault);
					faults += Double.isNaN(value) ? 0 : (long) value;
				}
			}
			out.append(' ').append(faults).append(" |\n");
		}
	}

	private static List<Double> values(List<Map<String, String>> lines, String key) {
		List<Double> values = new ArrayList<>();
		for (Map<String, String> line : lines) {
			double value = BenchCases.derived(line, key);
			if (!Double.isNaN(value)) {
				values.add(value);
			}
		}
		return values;
	}

	/** A figure's ratio to the base's in the same round, for each round both ran. */
	private static List<Double> ratios(List<Map<String, String>> lines, List<Map<String, String>> base, String figure) {
		List<Double> ratios = new ArrayList<>();
		for (Map<String, String> line : lines) {
			for (Map<String, String> baseLine : (base != null) ? base : List.<Map<String, String>>of()) {
				if (line.get("round").equals(baseLine.get("round"))) {
					double ratio = BenchCases.derived(line, figure) / BenchCases.derived(baseLine, figure);
					if (Double.isFinite(ratio)) {
						ratios.add(ratio);
					}
				}
			}
		}
		return ratios;
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String cell(List<Double> values) {
		if (values.isEmpty()) {
			return "–";
		}
		double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		String median = format(median(values));
		return (min == max) ? median : median + " (" + format(min) + "–" + format(max) + ")";
	}

	private static String format(double value) {
		if (Math.abs(value) >= 1000) {
			return String.format("%,.0f", value);
		}
		if (Math.abs(value) >= 10) {
			return String.format("%.1f", value);
		}
		return String.format("%.3f", value);
	}

}
