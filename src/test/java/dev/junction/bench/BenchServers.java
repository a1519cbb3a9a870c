package dev.junction.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The servers the suite compares, how each is started (pinned to CPU 0 and told it has
 * one core) and stopped, and how the generator is started (pinned to CPU 1).
 */
final class BenchServers {

	static final String SECRET = "bench-secret-that-is-at-least-32-bytes-long";

	private final Path root;

	BenchServers(Path root) {
		this.root = root;
	}

	/**
	 * A server of the comparison, or {@code null} for an unknown name.
	 */
	Server server(String name, boolean nativeMemoryTracking) {
		String nmt = nativeMemoryTracking ? "-XX:NativeMemoryTracking=summary" : "-XX:NativeMemoryTracking=off";
		return switch (name) {
			case "junction" -> new Server(name, 18080, SECRET, Set.of("s1", "s2", "s3", "s4", "s5"),
					junctionCommand(jar(), 18080, nmt));
			// An earlier build of Junction, to compare a change with what it changed:
			// -Dbench.base-jar=<path to its jar>.
			case "junction-base" -> new Server(name, 18086, SECRET, Set.of("s1", "s2", "s3", "s4", "s5"),
					junctionCommand(baseJar(), 18086, nmt));
			case "bare" -> new Server(name, 18081, "", Set.of("s1", "s2", "s3", "s4", "s5"),
					pinned(0, java(nmt, "-cp", classpath(), "dev.junction.bench.BareRelay", "18081", "1")));
			case "ws" -> new Server(name, 18082, "", Set.of("s1", "s2", "s3", "s4", "s5"),
					pinned(0, List.of("node", peer("relay-ws.mjs"), "18082")));
			case "bun" -> new Server(name, 18083, "", Set.of("s1", "s2", "s3", "s4", "s5"),
					pinned(0, List.of(bun(), peer("relay-bun.js"), "18083")));
			// The ceiling for S2: a raw TCP forwarder; the generator speaks
			// length-prefixed
			// frames through it to its own sink on the next port.
			case "socat" -> new Server(name, 18084, "", Set.of("s2"), pinned(0, List.of("socat", "-b262144",
					"TCP-LISTEN:18084,bind=127.0.0.1,reuseaddr,fork,nodelay", "TCP:127.0.0.1:18085,nodelay")));
			default -> null;
		};
	}

	/**
	 * A Junction node of a cluster scenario, started as {@code junction} is, with the
	 * given settings added ({@code --key=value}).
	 */
	Server clusterNode(String name, int port, List<String> settings) {
		List<String> command = new ArrayList<>(junctionCommand(jar(), port, "-XX:NativeMemoryTracking=off"));
		command.addAll(settings);
		return new Server(name, port, SECRET, Set.of("c1", "c2", "c3"), command);
	}

	/**
	 * A Redis of the cluster scenarios' own, pinned to CPU 0 beside the nodes, keeping
	 * nothing on disk.
	 */
	Server redis(int port) {
		return new Server("redis", port, "", Set.of("c1", "c2", "c3"), pinned(0, List.of("redis-server", "--port",
				Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")));
	}

	private List<String> junctionCommand(String jar, int port, String nmt) {
		return pinned(0,
				java(nmt, "-jar", jar, "--server.port=" + port, "--logging.level.root=WARN",
						"--junction.protocols.rooms.auth=none", "--junction.auth.hmac-secret=" + SECRET,
						"--junction.limits.upgrades-per-second-per-address=100000",
						"--junction.limits.max-connections-per-address=100000",
						"--junction.limits.inbound-messages-per-second=1000000",
						"--junction.limits.inbound-bytes-per-second=950MB", "--junction.shutdown.drain-spread=0s",
						"--junction.shutdown.drain-timeout=1s"));
	}

	/** The generator's command line, without its arguments. */
	List<String> generatorCommand() {
		return pinned(1, java("-cp", classpath(), "dev.junction.bench.LoadGenerator"));
	}

	Running start(Server server) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (BenchSuite.portOpen(server.port())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("port " + server.port() + " is still taken");
			}
			// The previous server's port: freed by another process, so polled.
			Thread.sleep(100);
		}
		Path log = this.root.resolve("target/bench/" + server.name() + ".log");
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(server.command()).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		try {
			BenchSuite.awaitPort(server.port(), 60);
		}
		catch (IllegalStateException ex) {
			process.destroyForcibly();
			throw new IllegalStateException(server.name() + " did not start; see " + log, ex);
		}
		// A launcher script may run the server as its child: measure the process that
		// serves.
		long pid = process.descendants().findFirst().map(ProcessHandle::pid).orElse(process.pid());
		return new Running(server, process, pid);
	}

	/**
	 * Runs a command to its end and returns its last line starting with {@code S}: the
	 * generator's result line.
	 */
	static String lastResultLine(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String result = null;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("S")) {
					result = line;
				}
			}
		}
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("generator timed out: " + command);
		}
		if (result == null) {
			throw new IllegalStateException("generator printed no result (exit " + process.exitValue() + ")");
		}
		return result;
	}

	private static String baseJar() {
		String jar = System.getProperty("bench.base-jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("junction-base needs -Dbench.base-jar=<an earlier Junction jar>");
		}
		return jar;
	}

	private String jar() {
		try (Stream<Path> files = Files.list(this.root.resolve("target"))) {
			return files.map(Path::toString)
				.filter((name) -> name.matches(".*/junction-[^/]*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no junction jar in target/: run ./mvnw package"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list target/", ex);
		}
	}

	private String classpath() {
		Path file = this.root.resolve("target/bench-cp.txt");
		if (!Files.exists(file)) {
			// Run from a test: the test's own class path has everything.
			return System.getProperty("java.class.path");
		}
		try {
			return this.root.resolve("target/test-classes") + ":" + Files.readString(file).trim();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + file, ex);
		}
	}

	/** Bun's binary: moved by its install script, or still in its platform package. */
	private String bun() {
		try (Stream<Path> platforms = Files.list(this.root.resolve("src/test/bench/peers/node_modules/@oven"))) {
			return platforms.map((dir) -> dir.resolve("bin/bun"))
				.filter(Files::isExecutable)
				.map(Path::toString)
				.findFirst()
				.orElse(peer("node_modules/bun/bin/bun.exe"));
		}
		catch (IOException ex) {
			return peer("node_modules/bun/bin/bun.exe");
		}
	}

	private String peer(String file) {
		return this.root.resolve("src/test/bench/peers").resolve(file).toString();
	}

	private static List<String> java(String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:ActiveProcessorCount=1");
		command.addAll(List.of(args));
		return command;
	}

	private static List<String> pinned(int cpu, List<String> command) {
		List<String> pinned = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
		pinned.addAll(command);
		return pinned;
	}

	/**
	 * One server of the comparison.
	 *
	 * @param name its name in the tables
	 * @param port its port
	 * @param secret the HMAC secret of its tokens, empty when it checks none
	 * @param scenarios the scenarios it takes part in
	 * @param command how to start it
	 */
	record Server(String name, int port, String secret, Set<String> scenarios, List<String> command) {

		boolean serves(String scenario) {
			return this.scenarios.contains(scenario.replaceFirst("-.*", ""));
		}

	}

	/**
	 * A started server; closing stops it and waits for it to exit.
	 */
	record Running(Server server, Process process, long pid) implements AutoCloseable {

		String url() {
			return (this.server.name().equals("socat") ? "tcp://127.0.0.1:" : "ws://127.0.0.1:") + this.server.port();
		}

		/** Generator arguments this server needs beyond the scenario's. */
		List<String> extraArgs() {
			return this.server.name().equals("socat")
					? List.of("--transport=tcp", "--sink=127.0.0.1:" + (this.server.port() + 1)) : List.of();
		}

		@Override
		public void close() throws InterruptedException {
			this.process.descendants().forEach(ProcessHandle::destroy);
			this.process.destroy();
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}

	}

}
