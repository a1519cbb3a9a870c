package dev.junction.bench;

import java.util.List;

/**
 * CPU used by the server and by this generator between {@link #open()} and
 * {@link #close()}: a scenario opens it when its measured phase starts (after connecting
 * and joining) and closes it when everything sent has arrived, so set-up work is not
 * charged to the deliveries. A window never opened measures nothing. A server of several
 * processes (the nodes of a cluster) is their sum; the Redis they share, when its pid is
 * given, is measured apart.
 */
final class CpuWindow {

	private final List<Long> serverPids;

	private final long redisPid;

	private double serverStart = -1;

	private double redisStart = -1;

	private double redisSeconds = -1;

	private double generatorStart = -1;

	private double serverSeconds = -1;

	private double generatorSeconds = -1;

	CpuWindow(long serverPid) {
		this(List.of(serverPid), 0);
	}

	CpuWindow(List<Long> serverPids, long redisPid) {
		this.serverPids = List.copyOf(serverPids);
		this.redisPid = redisPid;
	}

	/** A window for runs without a server process to watch (tests). */
	static CpuWindow none() {
		return new CpuWindow(0);
	}

	synchronized void open() {
		this.serverStart = serverCpu();
		this.redisStart = ProcessCpu.seconds(this.redisPid);
		this.generatorStart = ProcessCpu.seconds(ProcessHandle.current().pid());
	}

	/**
	 * The server's CPU seconds in the window.
	 * @return the seconds, or {@code -1} when unknown or not yet closed
	 */
	synchronized double serverSeconds() {
		return this.serverSeconds;
	}

	synchronized boolean closed() {
		return this.serverSeconds >= 0 || this.generatorSeconds >= 0;
	}

	synchronized void close() {
		double server = serverCpu();
		double redis = ProcessCpu.seconds(this.redisPid);
		double generator = ProcessCpu.seconds(ProcessHandle.current().pid());
		this.serverSeconds = (this.serverStart >= 0 && server >= 0) ? server - this.serverStart : -1;
		this.redisSeconds = (this.redisStart >= 0 && redis >= 0) ? redis - this.redisStart : -1;
		this.generatorSeconds = (this.generatorStart >= 0 && generator >= 0) ? generator - this.generatorStart : -1;
	}

	/** The servers' CPU seconds so far, or {@code -1} when one of them is unknown. */
	private double serverCpu() {
		double total = 0;
		for (long pid : this.serverPids) {
			double seconds = ProcessCpu.seconds(pid);
			if (seconds < 0) {
				return -1;
			}
			total += seconds;
		}
		return total;
	}

	/**
	 * The window's figures as result-line tokens, per delivered message.
	 * @param delivered messages (or frames) delivered in the window
	 * @return {@code serverCpu=… cpuPerDelivery=… redisCpu=… generatorCpu=…}, or empty
	 */
	synchronized String describe(long delivered) {
		StringBuilder line = new StringBuilder();
		if (this.serverSeconds >= 0 && delivered > 0) {
			line.append(String.format(" serverCpu=%.2fs cpuPerDelivery=%.2fus deliveriesPerCpuSecond=%.0f",
					this.serverSeconds, this.serverSeconds * 1e6 / delivered, delivered / this.serverSeconds));
		}
		if (this.redisSeconds >= 0) {
			line.append(String.format(" redisCpu=%.2fs", this.redisSeconds));
		}
		if (this.generatorSeconds >= 0) {
			line.append(String.format(" generatorCpu=%.2fs", this.generatorSeconds));
		}
		return line.toString();
	}

}
