package dev.junction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-loop default that {@link JunctionApplication#main} applies before Reactor
 * Netty starts.
 */
class JunctionApplicationTests {

	private String saved;

	@BeforeEach
	void save() {
		this.saved = System.getProperty(JunctionApplication.IO_WORKER_COUNT);
		System.clearProperty(JunctionApplication.IO_WORKER_COUNT);
	}

	@AfterEach
	void restore() {
		if (this.saved != null) {
			System.setProperty(JunctionApplication.IO_WORKER_COUNT, this.saved);
		}
		else {
			System.clearProperty(JunctionApplication.IO_WORKER_COUNT);
		}
	}

	@Test
	void eventLoopsShouldDefaultToTheAvailableCores() {
		JunctionApplication.defaultIoWorkers(2);
		assertThat(System.getProperty(JunctionApplication.IO_WORKER_COUNT)).isEqualTo("2");
	}

	@Test
	void anOperatorsWorkerCountShouldWin() {
		System.setProperty(JunctionApplication.IO_WORKER_COUNT, "8");
		JunctionApplication.defaultIoWorkers(2);
		assertThat(System.getProperty(JunctionApplication.IO_WORKER_COUNT)).isEqualTo("8");
	}

	@Test
	void atLeastOneEventLoopShouldRun() {
		JunctionApplication.defaultIoWorkers(0);
		assertThat(System.getProperty(JunctionApplication.IO_WORKER_COUNT)).isEqualTo("1");
	}

}
