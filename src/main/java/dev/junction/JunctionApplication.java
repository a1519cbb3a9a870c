package dev.junction;

import java.util.Arrays;
import java.util.Map;

import dev.junction.config.TokenCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the Junction WebSocket relay.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JunctionApplication {

	/**
	 * Reactor Netty's property for the number of event loops; its default is at least 4,
	 * which on a machine with fewer cores only adds context switches and cross-thread
	 * hand-offs to every delivery.
	 */
	static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

	public static void main(String[] args) {
		if (args.length > 0 && TokenCommand.NAME.equals(args[0])) {
			// Quiet below the user's own logging settings, so that $(...) captures the
			// token alone.
			TokenCommand command = new TokenCommand(System.out, System.err, Map.of("logging.level.root", "error"));
			System.exit(command.run(Arrays.asList(args).subList(1, args.length)));
		}
		defaultIoWorkers(Runtime.getRuntime().availableProcessors());
		SpringApplication.run(JunctionApplication.class, args);
	}

	/**
	 * One event loop per available core (the container's CPU limit, where there is one),
	 * unless the operator set {@code -Dreactor.netty.ioWorkerCount}.
	 * @param cores the available cores
	 */
	static void defaultIoWorkers(int cores) {
		if (System.getProperty(IO_WORKER_COUNT) == null) {
			System.setProperty(IO_WORKER_COUNT, Integer.toString(Math.max(1, cores)));
		}
	}

}
