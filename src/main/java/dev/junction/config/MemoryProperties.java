package dev.junction.config;

import java.time.Duration;

/**
 * How the node gives memory back after a burst.
 */
public class MemoryProperties {

	/**
	 * Interval of G1's periodic collection, which returns the heap a burst grew to the
	 * operating system once the node is quiet; {@code 0} leaves G1 as it is. Applied only
	 * when the JVM runs G1 and {@code -XX:G1PeriodicGCInterval} was not set on the
	 * command line.
	 */
	private Duration periodicGcInterval = Duration.ofSeconds(30);

	/**
	 * Interval at which the C heap's free memory is given back to the operating system
	 * ({@code System.trim_native_heap}); {@code 0} never trims. Skipped when the JVM
	 * trims by itself ({@code -XX:TrimNativeHeapInterval}).
	 */
	private Duration trimNativeHeapInterval = Duration.ofSeconds(60);

	public Duration getPeriodicGcInterval() {
		return this.periodicGcInterval;
	}

	public void setPeriodicGcInterval(Duration periodicGcInterval) {
		this.periodicGcInterval = periodicGcInterval;
	}

	public Duration getTrimNativeHeapInterval() {
		return this.trimNativeHeapInterval;
	}

	public void setTrimNativeHeapInterval(Duration trimNativeHeapInterval) {
		this.trimNativeHeapInterval = trimNativeHeapInterval;
	}

}
