package dev.junction.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Gives the C heap's free memory back to the operating system at an interval, through the
 * JVM's {@code System.trim_native_heap} diagnostic command. The JVM's own mallocs (the
 * collector's remembered sets, compiler arenas, thread-local buffers) peak under a burst
 * and are freed afterwards, but glibc keeps the freed pages: without a trim they stay in
 * the RSS for good. Skipped when the JVM trims by itself
 * ({@code -XX:TrimNativeHeapInterval} set) or has no such command.
 */
final class NativeHeapTrim implements AutoCloseable {

	static final String OPERATION = "systemTrimNativeHeap";

	static final String JVM_INTERVAL = "TrimNativeHeapInterval";

	private static final Log logger = LogFactory.getLog(NativeHeapTrim.class);

	private final MBeanServer server;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "junction-native-heap-trim");
		thread.setDaemon(true);
		return thread;
	});

	private NativeHeapTrim(MBeanServer server) {
		this.server = server;
	}

	/**
	 * Whether trimming applies.
	 * @param interval the interval; zero or negative disables trimming
	 * @param server the platform MBean server
	 * @param vm the JVM's diagnostic bean
	 * @return what {@link #start} would do
	 */
	static Outcome check(Duration interval, MBeanServer server, HotSpotDiagnosticMXBean vm) {
		if (interval.isZero() || interval.isNegative()) {
			return Outcome.DISABLED;
		}
		try {
			if (vm.getVMOption(JVM_INTERVAL).getOrigin() != VMOption.Origin.DEFAULT) {
				return Outcome.ALREADY_SET;
			}
		}
		catch (IllegalArgumentException ex) {
			// A JVM without the flag: the command may still be there.
		}
		try {
			boolean present = Arrays.stream(server.getMBeanInfo(diagnosticCommand()).getOperations())
				.anyMatch((operation) -> operation.getName().equals(OPERATION) && operation.getSignature().length == 0);
			return present ? Outcome.SCHEDULED : Outcome.UNAVAILABLE;
		}
		catch (JMException ex) {
			return Outcome.UNAVAILABLE;
		}
	}

	/**
	 * Starts trimming every {@code interval} when {@link #check} allows it, and logs what
	 * was decided.
	 * @param interval the interval
	 * @param server the platform MBean server
	 * @param vm the JVM's diagnostic bean
	 * @return the started trimmer, to close at shutdown, or {@code null}
	 */
	static @Nullable NativeHeapTrim start(Duration interval, MBeanServer server, HotSpotDiagnosticMXBean vm) {
		Outcome outcome = check(interval, server, vm);
		if (outcome != Outcome.SCHEDULED) {
			if (logger.isDebugEnabled()) {
				logger.debug("Native heap not trimmed by Junction: " + outcome);
			}
			return null;
		}
		NativeHeapTrim trim = new NativeHeapTrim(server);
		long millis = interval.toMillis();
		trim.scheduler.scheduleWithFixedDelay(trim::trim, millis, millis, TimeUnit.MILLISECONDS);
		logger.info("Native heap trimmed every " + millis
				+ " ms, to give freed C heap back (junction.memory.trim-native-heap-interval)");
		return trim;
	}

	/**
	 * Trims once.
	 * @return whether the command ran
	 */
	boolean trim() {
		try {
			Object result = this.server.invoke(diagnosticCommand(), OPERATION, new Object[0], new String[0]);
			if (logger.isDebugEnabled()) {
				logger.debug(String.valueOf(result).trim());
			}
			return true;
		}
		catch (JMException | RuntimeException ex) {
			logger.debug("Native heap trim failed", ex);
			return false;
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	private static ObjectName diagnosticCommand() throws JMException {
		return new ObjectName("com.sun.management:type=DiagnosticCommand");
	}

	/**
	 * What {@link #check} found.
	 */
	enum Outcome {

		/** Trimming applies. */
		SCHEDULED,

		/** The JVM trims by itself ({@code -XX:TrimNativeHeapInterval}). */
		ALREADY_SET,

		/** The configured interval is zero. */
		DISABLED,

		/** The JVM has no {@code System.trim_native_heap} command. */
		UNAVAILABLE

	}

}
