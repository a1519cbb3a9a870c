package dev.junction.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the suite runs for each fixed-size scenario, how each case is titled, and which
 * figures its table shows.
 */
final class BenchCases {

	private BenchCases() {
	}

	/**
	 * The generator arguments of each run of a scenario.
	 */
	static List<String[]> cases(String scenario, boolean quick, String seconds) {
		List<String[]> cases = new ArrayList<>();
		switch (scenario) {
			case "s2" -> {
				int[][] shapes = quick ? new int[][] { { 1, 64 } }
						: new int[][] { { 1, 64 }, { 4, 1 }, { 4, 16 }, { 4, 64 }, { 16, 64 } };
				for (int[] shape : shapes) {
					cases.add(new String[] { "--scenario=s2", "--pairs=" + shape[0], "--frame-kib=" + shape[1],
							"--seconds=" + seconds });
				}
			}
			default -> throw new IllegalArgumentException("unknown scenario " + scenario);
		}
		return cases;
	}

	static String title(String scenario, String[] run) {
		String args = String.join(" ", run);
		return switch (scenario) {
			case "s2" -> "S2 tunnel, " + value(args, "pairs") + " pair(s), " + value(args, "frame-kib") + " KiB frames";
			default -> scenario + " " + args;
		};
	}

	/** The figures shown for a case, in order. */
	static List<String> columns(String title) {
		if (title.startsWith("S1")) {
			return List.of("rate", "deliveries/s", "p50", "p99", "p999", "cpuPerDelivery", "deliveriesPerCpuSecond",
					"generatorCpu");
		}
		if (title.startsWith("S2")) {
			return List.of("GB/s", "serverCpu", "cpuSecondsPerGB", "generatorCpu");
		}
		return List.of("deliveries/s", "p50", "p99", "cpuPerDelivery", "deliveriesPerCpuSecond");
	}

	/** The figure a case's ratio to the bare relay is taken of, or {@code null}. */
	static String keyFigure(String title) {
		if (title.startsWith("S1")) {
			return "deliveriesPerCpuSecond";
		}
		if (title.startsWith("S2")) {
			return "GB/s";
		}
		return null;
	}

	/** A figure of a result line, computing the ones derived from others. */
	static double derived(Map<String, String> line, String key) {
		if (key.equals("cpuSecondsPerGB")) {
			return BenchResults.number(line, "serverCpu") / (BenchResults.number(line, "bytes") / 1e9);
		}
		if (key.equals("rate") && !line.containsKey("rate")) {
			return Double.NaN;
		}
		return BenchResults.number(line, key);
	}

	private static String value(String args, String key) {
		for (String arg : args.split(" ")) {
			if (arg.startsWith("--" + key + "=")) {
				return arg.substring(key.length() + 3);
			}
		}
		return "?";
	}

}
