package dev.junction.protocol.pairs;

import java.time.Duration;

import dev.junction.protocol.ProtocolSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The pairs protocol's settings, under {@code junction.protocols.pairs}.
 */
@ConfigurationProperties("junction.protocols.pairs")
public class PairsProperties extends ProtocolSettings {

	/** Pairs sessions per node (closed 1013 above). */
	private int maxSessions = 10_000;

	public int getMaxSessions() {
		return this.maxSessions;
	}

	public void setMaxSessions(int maxSessions) {
		this.maxSessions = maxSessions;
	}

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
