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
			// The cluster scenarios (ClusterRuns): a sender on the first node, receivers
			// split evenly over the nodes.
			case "c1",
					"c2" ->
				cases.add(new String[] { "--scenario=" + (scenario.equals("c1") ? "s1" : "topics"),
						"--members=" + (quick ? 11 : 101), "--rate=" + (quick ? 50 : 150), "--payload=256",
						"--seconds=" + seconds });
			case "c3" -> {
				for (int pairs : quick ? new int[] { 1 } : new int[] { 1, 4 }) {
					cases.add(new String[] { "--scenario=s2", "--pairs=" + pairs, "--frame-kib=64",
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
			case "s3" -> args.contains("--mode=latency")
					? "S3 peer_message latency floor, 1 pair, " + value(args, "rate") + "/s one way"
					: "S3 peer_message, 16 pairs both ways, " + value(args, "rate") + "/s per sender";
			case "s5" -> "S5 churn, " + value(args, "rate") + " connections/s offered";
			case "s4" -> "S4 idle room members, slope over " + value(args, "steps") + " connections";
			case "c1" -> "C1 room fan-out over 2 nodes, " + receivers(args) + " receivers, " + value(args, "rate")
					+ " messages/s";
			case "c2" -> "C2 topic fan-out over 2 nodes, " + receivers(args) + " subscribers, " + value(args, "rate")
					+ " messages/s";
			case "c3" -> "C3 tunnel across 2 nodes, " + value(args, "pairs") + " pair(s), " + value(args, "frame-kib")
					+ " KiB frames";
			default -> scenario + " " + args;
		};
	}

	/** The figures shown for a case, in order. */
	static List<String> columns(String title) {
		if (title.startsWith("C3")) {
			return List.of("MB/s", "serverCpu", "cpuMsPerMB", "redisCpuMsPerMB", "totalCpuMsPerMB", "generatorCpu");
		}
		if (title.startsWith("C")) {
			return List.of("deliveries/s", "p50", "p99", "cpuPerDelivery", "redisCpuPerDelivery", "totalCpuPerDelivery",
					"generatorCpu");
		}
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

	/**
	 * The figures of a cluster case whose ratio to the first configuration
	 * ({@link ClusterRuns#CONFIGURATIONS}) is shown, taken round by round; empty for
	 * other cases.
	 */
	static List<String> pairedRatios(String title) {
		if (title.startsWith("C3")) {
			return List.of("MB/s", "cpuMsPerMB", "totalCpuMsPerMB");
		}
		if (title.startsWith("C")) {
			return List.of("cpuPerDelivery", "totalCpuPerDelivery");
		}
		return List.of();
	}

	/** A figure of a result line, computing the ones derived from others. */
	static double derived(Map<String, String> line, String key) {
		double megabytes = BenchResults.number(line, "bytes") / 1e6;
		double delivered = BenchResults.number(line, "delivered");
		double redis = BenchResults.number(line, "redisCpu");
		double server = BenchResults.number(line, "serverCpu");
		switch (key) {
			case "MB/s" -> {
				return megabytes / BenchResults.number(line, "seconds");
			}
			case "cpuMsPerMB" -> {
				return server * 1000 / megabytes;
			}
			case "redisCpuMsPerMB" -> {
				return redis * 1000 / megabytes;
			}
			case "totalCpuMsPerMB" -> {
				return (server + redis) * 1000 / megabytes;
			}
			case "redisCpuPerDelivery" -> {
				return redis * 1e6 / delivered;
			}
			case "totalCpuPerDelivery" -> {
				return (server + redis) * 1e6 / delivered;
			}
			default -> {
			}
		}
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

	private static String receivers(String args) {
		return Integer.toString(Integer.parseInt(value(args, "members")) - 1);
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
