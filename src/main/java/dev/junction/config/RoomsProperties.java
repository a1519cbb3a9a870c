package dev.junction.config;

import java.time.Duration;

/**
 * The rooms protocol.
 */
public class RoomsProperties {

	/** How long a room emptied by abnormal closes is kept so clients can rejoin. */
	private Duration gracePeriod = Duration.ofSeconds(60);

	/** Failed joins allowed per client address per failed-join period. */
	private int failedJoinLimit = 20;

	/** Period over which failed joins are counted. */
	private Duration failedJoinPeriod = Duration.ofMinutes(1);

	public Duration getGracePeriod() {
		return this.gracePeriod;
	}

	public void setGracePeriod(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

	public int getFailedJoinLimit() {
		return this.failedJoinLimit;
	}

	public void setFailedJoinLimit(int failedJoinLimit) {
		this.failedJoinLimit = failedJoinLimit;
	}

	public Duration getFailedJoinPeriod() {
		return this.failedJoinPeriod;
	}

	public void setFailedJoinPeriod(Duration failedJoinPeriod) {
		this.failedJoinPeriod = failedJoinPeriod;
	}

}
