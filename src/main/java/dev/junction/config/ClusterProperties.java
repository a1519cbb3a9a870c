package dev.junction.config;

/**
 * How nodes share state.
 */
public class ClusterProperties {

	/** memory (one node) or redis. */
	private String mode = "memory";

	public String getMode() {
		return this.mode;
	}

	public void setMode(String mode) {
		this.mode = mode;
	}

}
