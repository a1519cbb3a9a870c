package dev.junction.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} of a test's own, on a port of its own, for tests that stop and
 * restart Redis: a Redis outage. Skips the test when the binary is missing, or fails it
 * under {@code -Djunction.require-redis=true} as {@link TestRedis} does.
 */
public final class RedisServerProcess {

	private RedisServerProcess() {
	}

	/**
	 * Start a Redis that keeps nothing on disk.
	 * @param port the port
	 * @return the process
	 */
	public static Process start(int port) {
		return start(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--save", "", "--appendonly",
				"no"));
	}

	/**
	 * Start a Redis that loads its data from a directory when it starts and writes it
	 * there on {@code SAVE}: a restart that keeps the data.
	 * @param port the port
	 * @param directory where its dump is
	 * @return the process
	 */
	public static Process start(int port, Path directory) {
		return start(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--save", "", "--appendonly",
				"no", "--dir", directory.toString(), "--dbfilename", "dump.rdb"));
	}

	private static Process start(ProcessBuilder command) {
		try {
			return command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		}
		catch (IOException ex) {
			if (Boolean.getBoolean(TestRedis.REQUIRED)) {
				throw new IllegalStateException("redis-server cannot be started", ex);
			}
			Assumptions.abort("redis-server is not on the PATH");
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A port nothing listens on now.
	 * @return the port
	 * @throws IOException when no port can be had
	 */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
