package dev.junction.config;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * How nodes share state.
 */
public class ClusterProperties {

	/** memory (one node) or redis. */
	private String mode = "memory";

	/** Prefix of every Redis key Junction uses. */
	private String keyPrefix = "junction:";

	/**
	 * Bytes a tunnel party may have on their way to a party on another node, not yet
	 * handed to its socket, before its own reading pauses. Keep it well under the
	 * outbound byte limit.
	 */
	private DataSize pipeWindow = DataSize.ofKilobytes(512);

	/** How soon a tunnel party learns that its peer's node died. */
	private Duration pipeLiveness = Duration.ofSeconds(6);

	public String getMode() {
		return this.mode;
	}

	public void setMode(String mode) {
		this.mode = mode;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public DataSize getPipeWindow() {
		return this.pipeWindow;
	}

	public void setPipeWindow(DataSize pipeWindow) {
		this.pipeWindow = pipeWindow;
	}

	public Duration getPipeLiveness() {
		return this.pipeLiveness;
	}

	public void setPipeLiveness(Duration pipeLiveness) {
		this.pipeLiveness = pipeLiveness;
	}

}
