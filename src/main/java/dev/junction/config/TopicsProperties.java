package dev.junction.config;

import java.time.Duration;

/**
 * The topics protocol.
 */
public class TopicsProperties {

	/** How often the number of topics and peers is logged at INFO. */
	private Duration statsInterval = Duration.ofMinutes(5);

	public Duration getStatsInterval() {
		return this.statsInterval;
	}

	public void setStatsInterval(Duration statsInterval) {
		this.statsInterval = statsInterval;
	}

}
