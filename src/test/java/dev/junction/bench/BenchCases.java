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
			case "s3" -> {
				cases.add(new String[] { "--scenario=s3", "--mode=latency", "--rate=1000", "--seconds=" + seconds });
				for (int rate : quick ? new int[] { 200 } : new int[] { 1000, 2000, 4000 }) {
					cases.add(new String[] { "--scenario=s3", "--pairs=16", "--rate=" + rate, "--seconds=" + seconds });
				}
			}
			case "s5" -> {
				for (int rate : quick ? new int[] { 50 } : new int[] { 200, 500 }) {
					cases.add(new String[] { "--scenario=s5", "--rate=" + rate, "--concurrency=64",
							"--seconds=" + seconds });
				}
			}
			case "s4" -> cases.add(new String[] { "--scenario=s4",
					"--steps=" + (quick ? "20,40" : "2500,5000,10000,19000"), "--per-child=" + (quick ? 20 : 5000) });
			default -> throw new IllegalArgumentException("unknown scenario " + scenario);
		}
		return cases;
	}

	static String title(String scenario, String[] run) {
		String args = String.join(" ", run);
		return switch (scenario) {
			case "s2" -> "S2 tunnel, " + value(args, "pairs") + " pair(s), " + value(args, "frame-kib") + " KiB frames";
			case "s3" -> args.contains("--mode=latency")
					? "S3 peer_message latency floor, 1 pair, " + value(args, "rate") + "/s one way"
					: "S3 peer_message, 16 pairs both ways, " + value(args, "rate") + "/s per sender";
			case "s5" -> "S5 churn, " + value(args, "rate") + " connections/s offered";
			case "s4" -> "S4 idle room members, slope over " + value(args, "steps") + " connections";
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
		if (title.startsWith("S3")) {
			return List.of("msgs/s", "p50", "p99", "p999", "cpuPerDelivery", "deliveriesPerCpuSecond", "sendLagP99",
					"generatorCpu");
		}
		if (title.startsWith("S4")) {
			return List.of("userPerConn", "heapPerConn", "directPerConn", "nativePerConn", "rssPerConn", "rssGcPerConn",
					"joined");
		}
		if (title.startsWith("S5")) {
			return List.of("conn/s", "p50", "p99", "max", "failed", "fdBefore", "fdAfter", "cpuPerConnection");
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
		if (title.startsWith("S3")) {
			return "deliveriesPerCpuSecond";
		}
		if (title.startsWith("S5")) {
			return "conn/s";
		}
		return null;
	}

	/** A figure of a result line, computing the ones derived from others. */
	static double derived(Map<String, String> line, String key) {
		if (key.equals("cpuSecondsPerGB")) {
			return BenchResults.number(line, "serverCpu") / (BenchResults.number(line, "bytes") / 1e9);
		}
		if (key.equals("deliveriesPerCpuSecond") && !line.containsKey(key)) {
			return 1e6 / BenchResults.number(line, "cpuPerDelivery");
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
