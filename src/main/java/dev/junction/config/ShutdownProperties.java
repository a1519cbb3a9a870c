package dev.junction.config;

import java.time.Duration;

/**
 * Shutdown and closing.
 */
public class ShutdownProperties {

	/** Longest wait at shutdown for connections to close; what is left is dropped. */
	private Duration drainTimeout = Duration.ofSeconds(10);

	/**
	 * Window over which connections are closed at shutdown, each at a random moment.
	 */
	private Duration drainSpread = Duration.ofSeconds(5);

	public Duration getDrainSpread() {
		return this.drainSpread;
	}

	public void setDrainSpread(Duration drainSpread) {
		this.drainSpread = drainSpread;
	}

	/**
	 * Longest wait for a peer to complete a close handshake before the socket is dropped.
	 */
	private Duration closeTimeout = Duration.ofSeconds(5);

	public Duration getDrainTimeout() {
		return this.drainTimeout;
	}

	public void setDrainTimeout(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

}
