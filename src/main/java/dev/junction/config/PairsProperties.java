package dev.junction.config;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * The pairs protocol.
 */
public class PairsProperties {

	/** Largest message relayed; larger ones get an error reply and are dropped. */
	private DataSize maxMessageSize = DataSize.ofMegabytes(10);

	/** A session that received no message for this long is closed. */
	private Duration inactivityTimeout = Duration.ofMinutes(30);

	/** How often sessions are checked for inactivity. */
	private Duration sweepInterval = Duration.ofMinutes(5);

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public Duration getInactivityTimeout() {
		return this.inactivityTimeout;
	}

	public void setInactivityTimeout(Duration inactivityTimeout) {
		this.inactivityTimeout = inactivityTimeout;
	}

	public Duration getSweepInterval() {
		return this.sweepInterval;
	}

	public void setSweepInterval(Duration sweepInterval) {
		this.sweepInterval = sweepInterval;
	}

}
