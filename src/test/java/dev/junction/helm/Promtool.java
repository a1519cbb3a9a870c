package dev.junction.helm;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus's {@code promtool} (Debian's {@code prometheus} package), run from tests.
 * Without it on the PATH the tests that need it are skipped, so that
 * {@code ./mvnw verify} works on a machine with only a JDK; with
 * {@code -Djunction.require-promtool=true} (which {@code .ci/run} passes) a missing
 * promtool fails them instead.
 */
final class Promtool {

	/** The system property that makes a missing promtool a failure. */
	static final String REQUIRED = "junction.require-promtool";

	private final Path executable;

	private Promtool(Path executable) {
		this.executable = executable;
	}

	/**
	 * The promtool on the PATH; skips the calling test when there is none, or fails it
	 * when {@value #REQUIRED} is {@code true}.
	 * @return promtool
	 */
	static Promtool onPath() {
		Path found = find();
		if (found == null && Boolean.getBoolean(REQUIRED)) {
			fail("promtool is not on the PATH but " + REQUIRED
					+ "=true: install Debian's prometheus package (apt-get install prometheus)");
		}
		assumeTrue(found != null, "promtool is not on the PATH (apt-get install prometheus); set -D" + REQUIRED
				+ "=true to make this a failure");
		return new Promtool(found);
	}

	private static @Nullable Path find() {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "promtool");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Runs promtool with the given arguments and input, and returns its exit code and
	 * output (standard output and error together).
	 * @param input what promtool reads on its standard input
	 * @param arguments the arguments
	 * @return the result
	 */
	Result run(String input, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write(input.getBytes(StandardCharsets.UTF_8));
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
		return new Result(process.exitValue(), output);
	}

	/**
	 * What a promtool run ended with.
	 *
	 * @param exitCode the exit code
	 * @param output standard output and error
	 */
	record Result(int exitCode, String output) {

	}

}
