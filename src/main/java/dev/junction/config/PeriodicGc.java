package dev.junction.config;

import java.time.Duration;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns on G1's periodic collection at start-up. G1 returns heap to the operating system
 * only at the end of a collection cycle, and an idle node runs none: without it, the heap
 * that a burst of large frames grew stays committed for good. The flag is manageable, so
 * it is set through the diagnostic MXBean; an operator's own
 * {@code -XX:G1PeriodicGCInterval} (any origin but the default) is left alone.
 */
final class PeriodicGc {

	static final String INTERVAL = "G1PeriodicGCInterval";

	private static final String USE_G1 = "UseG1GC";

	private static final Log logger = LogFactory.getLog(PeriodicGc.class);

	private PeriodicGc() {
	}

	/**
	 * Sets the interval when the JVM runs G1 and the operator did not set it.
	 * @param interval the interval; zero or negative does nothing
	 * @param vm the JVM's diagnostic bean
	 * @return what was done
	 */
	static Outcome apply(Duration interval, HotSpotDiagnosticMXBean vm) {
		if (interval.isZero() || interval.isNegative()) {
			return Outcome.DISABLED;
		}
		try {
			if (!Boolean.parseBoolean(vm.getVMOption(USE_G1).getValue())) {
				return Outcome.NOT_G1;
			}
			VMOption current = vm.getVMOption(INTERVAL);
			if (current.getOrigin() != VMOption.Origin.DEFAULT) {
				return Outcome.ALREADY_SET;
			}
			vm.setVMOption(INTERVAL, Long.toString(interval.toMillis()));
			return Outcome.APPLIED;
		}
		catch (IllegalArgumentException | SecurityException ex) {
			// Not a HotSpot JVM that knows the flag, or not allowed to set it.
			return Outcome.UNAVAILABLE;
		}
	}

	/**
	 * {@link #apply}, and one log line about it.
	 * @param interval the interval; zero or negative does nothing
	 * @param vm the JVM's diagnostic bean
	 * @return what was done
	 */
	static Outcome applyAndLog(Duration interval, HotSpotDiagnosticMXBean vm) {
		Outcome outcome = apply(interval, vm);
		if (outcome == Outcome.APPLIED) {
			logger.info("G1 periodic collection every " + interval.toMillis()
					+ " ms, to give idle heap back (junction.memory.periodic-gc-interval)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("G1 periodic collection not set by Junction: " + outcome);
		}
		return outcome;
	}

	/**
	 * What {@link #apply} did.
	 */
	enum Outcome {

		/** The interval was set. */
		APPLIED,

		/**
		 * The flag was set before (on the command line, in {@code JAVA_TOOL_OPTIONS}, or
		 * by a management tool); left as it is.
		 */
		ALREADY_SET,

		/** The JVM does not run G1. */
		NOT_G1,

		/** The configured interval is zero. */
		DISABLED,

		/** The flag could not be read or set. */
		UNAVAILABLE

	}

}
