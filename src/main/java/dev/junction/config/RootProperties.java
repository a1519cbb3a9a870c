package dev.junction.config;

import java.time.Duration;

/**
 * The bare-host endpoint {@code /}, whose first frame picks signaling or topics.
 */
public class RootProperties {

	/** Whether {@code /} accepts WebSocket upgrades. */
	private boolean enabled = true;

	/** Frames a client may send before one picks a protocol (then 1008). */
	private int maxFrames = 16;

	/** Time a client has to pick a protocol (then 1008). */
	private Duration timeout = Duration.ofSeconds(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxFrames() {
		return this.maxFrames;
	}

	public void setMaxFrames(int maxFrames) {
		this.maxFrames = maxFrames;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
