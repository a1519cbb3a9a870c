package dev.junction.config;

import java.time.Duration;

/**
 * WebSocket pings that find dead connections.
 */
public class KeepaliveProperties {

	/** Time between pings. */
	private Duration interval = Duration.ofSeconds(30);

	/** A connection not heard from for this long is closed with 1011. */
	private Duration timeout = Duration.ofSeconds(60);

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
