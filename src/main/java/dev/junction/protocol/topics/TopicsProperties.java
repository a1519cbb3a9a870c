package dev.junction.protocol.topics;

import java.time.Duration;

import dev.junction.protocol.ProtocolSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The topics protocol's settings, under {@code junction.protocols.topics}.
 */
@ConfigurationProperties("junction.protocols.topics")
public class TopicsProperties extends ProtocolSettings {

	/** How often the number of topics and peers is logged at INFO. */
	private Duration statsInterval = Duration.ofMinutes(5);

	public Duration getStatsInterval() {
		return this.statsInterval;
	}

	public void setStatsInterval(Duration statsInterval) {
		this.statsInterval = statsInterval;
	}

}
