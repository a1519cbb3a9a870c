package dev.junction.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster scenarios: the same clients against Junction on one node (memory mode, the
 * single-node figures' setting), on one node in Redis cluster mode, and on two nodes
 * sharing a Redis, each configuration started fresh in every round (in that order) with
 * its nodes and the Redis pinned to CPU 0 (the generator on CPU 1), warmed up with the
 * first case of every selected scenario for 5 s, then measured. C1 is a room of 100
 * receivers, C2 a topic of 100 subscribers, both with the sender on the first node and
 * the receivers split evenly; C3 is a tunnel with its sender on the first node and its
 * receiver on the last.
 *
 * <p>
 * The Redis is a {@code redis-server} of the suite's own on a free port, started for each
 * configuration (so other clients' traffic is not in its CPU), or the one at
 * {@code --redis=<uri>} (the smoke run's), whose CPU is read when a {@code redis-server}
 * process with its port in its command line is found. Keys go under {@code --key-prefix}
 * (default {@code bench:}), one prefix per configuration and round.
 */
final class ClusterRuns {

	/** The configurations, in the order of each round; the first is the ratios' base. */
	static final List<String> CONFIGURATIONS = List.of("one node", "one node on Redis", "two nodes on Redis");

	private static final int[] NODE_PORTS = { 18087, 18088 };

	private final BenchServers servers;

	private final BenchResults results;

	private final Map<String, String> options;

	private final boolean quick;

	ClusterRuns(BenchServers servers, BenchResults results, Map<String, String> options, boolean quick) {
		this.servers = servers;
		this.results = results;
		this.options = options;
		this.quick = quick;
	}

	/** Runs the selected cluster scenarios once per configuration. */
	void round(int round, List<String> scenarios) throws Exception {
		List<String> selected = scenarios.stream().filter((s) -> s.startsWith("c")).toList();
		if (selected.isEmpty()) {
			return;
		}
		for (String configuration : configurations()) {
			visit(round, configuration, selected);
		}
	}

	private List<String> configurations() {
		String chosen = this.options.get("cluster-configurations");
		return (chosen != null)
				? Arrays.stream(chosen.split(",")).map((index) -> CONFIGURATIONS.get(Integer.parseInt(index))).toList()
				: CONFIGURATIONS;
	}

	private void visit(int round, String configuration, List<String> scenarios) throws Exception {
		List<AutoCloseable> started = new ArrayList<>();
		try {
			String redisUri = this.options.get("redis");
			long redisPid;
			if (redisUri == null) {
				int port = freePort();
				BenchServers.Running redis = this.servers.start(this.servers.redis(port));
				started.add(redis);
				redisUri = "redis://127.0.0.1:" + port;
				redisPid = redis.pid();
			}
			else {
				redisPid = redisPid(URI.create(redisUri).getPort());
			}
			List<String> settings = new ArrayList<>();
			if (!configuration.equals("one node")) {
				settings.add("--junction.cluster.mode=redis");
				settings.add("--spring.data.redis.url=" + redisUri);
				settings.add("--junction.cluster.key-prefix=" + this.options.getOrDefault("key-prefix", "bench:") + "r"
						+ round + "c" + CONFIGURATIONS.indexOf(configuration) + ":");
			}
			int nodes = configuration.startsWith("two") ? 2 : 1;
			List<BenchServers.Running> running = new ArrayList<>();
			for (int node = 0; node < nodes; node++) {
				BenchServers.Running server = this.servers
					.start(this.servers.clusterNode("junction-node-" + node, NODE_PORTS[node], settings));
				started.add(server);
				running.add(server);
			}
			BenchSuite.log(configuration + " (pids "
					+ running.stream().map((server) -> Long.toString(server.pid())).collect(Collectors.joining(","))
					+ ", redis " + redisPid + ")");
			List<String> target = List.of(
					"--url=" + running.stream().map(BenchServers.Running::url).collect(Collectors.joining(",")),
					"--server-pid=" + running.stream()
						.map((server) -> Long.toString(server.pid()))
						.collect(Collectors.joining(",")),
					"--redis-pid=" + redisPid, "--secret=" + BenchServers.SECRET, "--sources=16");
			// Every configuration warms up alike: the first case of each scenario, not
			// recorded, long enough for the JIT to have compiled the cluster's paths too
			// (at 5 s a node on Redis was still compiling through the measured run).
			for (String scenario : scenarios) {
				generate(target, BenchCases.cases(scenario, this.quick, warmUpSeconds()).get(0));
			}
			for (String scenario : scenarios) {
				for (String[] run : BenchCases.cases(scenario, this.quick, seconds())) {
					this.results.add(BenchCases.title(scenario, run), configuration, round, generate(target, run));
				}
			}
		}
		finally {
			for (int i = started.size() - 1; i >= 0; i--) {
				started.get(i).close();
			}
		}
	}

	private Map<String, String> generate(List<String> target, String[] run) throws Exception {
		List<String> command = new ArrayList<>(this.servers.generatorCommand());
		command.addAll(target);
		command.addAll(Arrays.asList(run));
		String line = BenchServers.lastResultLine(command, this.quick ? 120 : 600);
		BenchSuite.log("  " + String.join(" ", run) + " -> " + line);
		return BenchResults.parse(line);
	}

	private String warmUpSeconds() {
		return this.options.getOrDefault("warm-up-seconds", this.quick ? "1" : "30");
	}

	private String seconds() {
		return this.options.getOrDefault("seconds", this.quick ? "1" : "10");
	}

	/**
	 * The pid of the {@code redis-server} whose command line names the port (Redis shows
	 * {@code host:port} there), or 0 when none is found.
	 */
	static long redisPid(int port) {
		String suffix = ":" + ((port > 0) ? port : 6379);
		return ProcessHandle.allProcesses()
			.mapToLong(ProcessHandle::pid)
			.filter((pid) -> commandLine(pid).startsWith("redis-server") && commandLine(pid).contains(suffix))
			.findFirst()
			.orElse(0);
	}

	/** Read from /proc: another user's process has no {@code ProcessHandle.Info}. */
	private static String commandLine(long pid) {
		try {
			return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').trim();
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
