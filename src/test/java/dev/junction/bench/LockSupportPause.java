package dev.junction.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A short park while the generator waits for the last deliveries to drain.
 */
final class LockSupportPause {

	private LockSupportPause() {
	}

	static void pause() {
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
	}

}
