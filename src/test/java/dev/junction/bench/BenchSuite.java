package dev.junction.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark suite: every selected server in turn, pinned to CPU 0, each round
 * visiting them in the same order (A B C A B C …), the generator pinned to CPU 1 as a
 * separate process per run; then writes each scenario's table (median and min–max over
 * the rounds, and the ratio to the bare Netty relay) as Markdown, and next to it PNG
 * plots of S1's saturation steps and of S5's churn ({@link BenchFigures}).
 *
 * <p>
 * Arguments, all {@code --key=value}: {@code rounds} (3), {@code seconds} per measured
 * run (10), {@code step-seconds} per saturation step (3), {@code scenarios}
 * (s1,s2,s3,s4,s5; the cluster scenarios c1,c2,c3 of {@link ClusterRuns} run only when
 * named), {@code servers} (junction,bare,ws,bun,socat), {@code out}
 * (target/bench/results.md), {@code quick} (tiny sizes and short runs: the smoke mode),
 * and for the cluster scenarios {@code redis} (a Redis URI instead of a
 * {@code redis-server} of the suite's own), {@code key-prefix},
 * {@code cluster-configurations} (indexes into {@link ClusterRuns#CONFIGURATIONS}) and
 * {@code warm-up-seconds} (30).
 */
public final class BenchSuite {

	private final Map<String, String> options;

	private final BenchServers servers;

	private final BenchResults results = new BenchResults();

	private final boolean quick;

	private final String command;

	private final ClusterRuns cluster;

	private BenchSuite(Map<String, String> options, String command) {
		this.options = options;
		this.command = command;
		this.quick = options.containsKey("quick");
		this.servers = new BenchServers(Path.of(options.getOrDefault("root", ".")));
		this.cluster = new ClusterRuns(this.servers, this.results, options, this.quick);
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] parts = arg.replaceFirst("^--", "").split("=", 2);
			options.put(parts[0], (parts.length > 1) ? parts[1] : "true");
		}
		BenchSuite suite = new BenchSuite(options, String.join(" ", args));
		String report = suite.run();
		// The suite is a command-line tool: the report goes to its file and to the
		// terminal.
		System.out.println(report);
	}

	/**
	 * Writes the tables and the plots of the rounds so far: a long run that is stopped
	 * keeps them.
	 */
	private String write(int rounds) throws IOException {
		String date = LocalDate.now(ZoneOffset.UTC).toString();
		String report = this.results.markdown(date, rounds, machine());
		Path out = Path.of(this.options.getOrDefault("out", "target/bench/results.md"));
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, report);
		String subtitle = "bench.sh " + this.command + "   ·   " + date + ", " + rounds + " round(s), "
				+ Runtime.getRuntime().availableProcessors() + " CPUs";
		BenchFigures.write(this.results, subtitle, out.toAbsolutePath().getParent());
		return report;
	}

	private String run() throws Exception {
		int rounds = Integer.parseInt(this.options.getOrDefault("rounds", this.quick ? "1" : "3"));
		List<String> scenarios = List.of(this.options.getOrDefault("scenarios", "s1,s2,s3,s4,s5").split(","));
		List<String> names = List.of(this.options.getOrDefault("servers", "junction,bare,ws,bun,socat").split(","));
		for (int r = 1; r <= rounds; r++) {
			int round = r;
			log("round " + round + " of " + rounds);
			if (scenarios.contains("s1")) {
				Map<Integer, Double> slowestMax = new LinkedHashMap<>();
				for (String name : names) {
					visit(name, "s1-saturation", (server) -> saturate(server, round, slowestMax));
				}
				for (String name : names) {
					visit(name, "s1", (server) -> roomLatency(server, round, slowestMax));
				}
			}
			// One start per server for the fixed-size scenarios; S4 gets a fresh server
			// of its own, with native memory tracking.
			List<String> fixed = scenarios.stream().filter((s) -> s.matches("s[235]")).toList();
			if (!fixed.isEmpty()) {
				for (String name : names) {
					visit(name, String.join(",", fixed), (server) -> {
						for (String scenario : fixed) {
							fixedRuns(server, round, scenario);
						}
					});
				}
			}
			if (scenarios.contains("s4")) {
				for (String name : names) {
					visit(name, "s4", (server) -> fixedRuns(server, round, "s4"));
				}
			}
			this.cluster.round(round, scenarios);
			write(round);
		}
		return write(rounds);
	}

	private void visit(String name, String scenario, Visit visit) throws Exception {
		BenchServers.Server server = this.servers.server(name, scenario.equals("s4"));
		if (server == null || Arrays.stream(scenario.split(",")).noneMatch(server::serves)) {
			return;
		}
		try (BenchServers.Running running = this.servers.start(server)) {
			log(name + " " + scenario + " (pid " + running.pid() + ")");
			if (!scenario.equals("s4")) {
				warmUp(running);
			}
			visit.run(running);
		}
	}

	private void warmUp(BenchServers.Running server) throws Exception {
		if (server.server().name().equals("socat")) {
			return;
		}
		if (server.server().serves("s1")) {
			generate(server, "--scenario=s1", "--members=10", "--rate=2000", "--seconds=" + (this.quick ? 1 : 5));
		}
		else if (server.server().serves("s2")) {
			generate(server, "--scenario=s2", "--pairs=1", "--frame-kib=64", "--seconds=" + (this.quick ? 1 : 3));
		}
	}

	/**
	 * S1 phase 1: for each room size, steps the publish rate up until the server (or the
	 * generator) can no longer keep up, keeping the highest rate that passed.
	 */
	private void saturate(BenchServers.Running server, int round, Map<Integer, Double> slowestMax) throws Exception {
		for (int members : roomSizes()) {
			// The first step is always kept: a server that cannot take even that much
			// still gets its row (with its latency showing why).
			double deliveries = this.quick ? 2_000 : 20_000;
			double best = 0;
			Map<String, String> bestLine = null;
			for (int step = 0; step < (this.quick ? 2 : 10); step++) {
				int rate = Math.max(1, (int) (deliveries / (members - 1)));
				Map<String, String> line = generate(server, "--scenario=s1", "--members=" + members, "--rate=" + rate,
						"--payload=256", "--seconds=" + stepSeconds());
				double achieved = BenchResults.number(line, "deliveries/s");
				boolean kept = BenchResults.number(line, "lost") == 0 && achieved >= 0.95 * rate * (members - 1)
						&& BenchResults.number(line, "p99") <= 100_000;
				Map<String, String> stepLine = new LinkedHashMap<>(line);
				stepLine.put("rate", Integer.toString(rate));
				stepLine.put("offered", Integer.toString(rate * (members - 1)));
				stepLine.put("kept", Boolean.toString(kept));
				this.results.addStep("S1 saturation steps, room of " + members, server.server().name(), round,
						stepLine);
				if (!kept && bestLine != null) {
					break;
				}
				best = achieved;
				bestLine = line;
				bestLine.put("rate", Integer.toString(rate));
				deliveries *= 1.8;
			}
			if (bestLine != null) {
				this.results.add("S1 saturation, room of " + members, server.server().name(), round, bestLine);
			}
			slowestMax.merge(members, best, Math::min);
		}
	}

	/** S1 phase 2: each room size at half the slowest server's maximum of this round. */
	private void roomLatency(BenchServers.Running server, int round, Map<Integer, Double> slowestMax) throws Exception {
		for (int members : roomSizes()) {
			double deliveries = slowestMax.getOrDefault(members, 0.0) / 2;
			int rate = Math.max(1, (int) (deliveries / (members - 1)));
			Map<String, String> line = generate(server, "--scenario=s1", "--members=" + members, "--rate=" + rate,
					"--payload=256", "--seconds=" + seconds());
			line.put("rate", Integer.toString(rate));
			this.results.add("S1 at 50% of the slowest maximum, room of " + members, server.server().name(), round,
					line);
		}
	}

	private void fixedRuns(BenchServers.Running server, int round, String scenario) throws Exception {
		for (String[] run : BenchCases.cases(scenario, this.quick, seconds())) {
			if (!server.server().serves(scenario)) {
				continue;
			}
			Map<String, String> line = generate(server, run);
			this.results.add(BenchCases.title(scenario, run), server.server().name(), round, line);
		}
	}

	private Map<String, String> generate(BenchServers.Running server, String... args) throws Exception {
		List<String> command = new ArrayList<>(this.servers.generatorCommand());
		command.add("--url=" + server.url());
		command.add("--server-pid=" + server.pid());
		command.add("--secret=" + server.server().secret());
		command.add("--sources=16");
		command.addAll(Arrays.asList(args));
		command.addAll(server.extraArgs());
		String line = BenchServers.lastResultLine(command, this.quick ? 120 : 600);
		log("  " + String.join(" ", args) + " -> " + line);
		return BenchResults.parse(line);
	}

	private List<Integer> roomSizes() {
		return this.quick ? List.of(2, 10) : List.of(2, 10, 100, 1000);
	}

	private String seconds() {
		return this.options.getOrDefault("seconds", this.quick ? "1" : "10");
	}

	private String stepSeconds() {
		return this.options.getOrDefault("step-seconds", this.quick ? "1" : "3");
	}

	private static String machine() {
		try {
			String model = Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.findFirst()
				.map((line) -> line.replaceFirst(".*:\\s*", ""))
				.orElse("unknown CPU");
			return Runtime.getRuntime().availableProcessors() + " CPUs (" + model + "), Java "
					+ System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
					+ System.getProperty("os.version");
		}
		catch (IOException ex) {
			return "unknown machine";
		}
	}

	static boolean portOpen(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void awaitPort(int port, long seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!portOpen(port)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("nothing listens on port " + port);
			}
			// Another process's port: nothing to await but polling it.
			Thread.sleep(100);
		}
	}

	static void log(String message) {
		// Progress of a long command-line run, on stderr so the report stays clean.
		System.err.println("[bench] " + message);
	}

	@FunctionalInterface
	private interface Visit {

		void run(BenchServers.Running server) throws Exception;

	}

}
