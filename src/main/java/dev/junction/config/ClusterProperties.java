package dev.junction.config;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * How nodes share state.
 */
public class ClusterProperties {

	/** How nodes share state: memory (one node) or redis. */
	private Mode mode = Mode.MEMORY;

	/** Prefix of every Redis key and pub/sub channel this cluster uses. */
	private String keyPrefix = "junction:";

	/** How long a node counts as alive after its last heartbeat. */
	private Duration heartbeatTtl = Duration.ofSeconds(10);

	/**
	 * Bytes a tunnel party may have on their way to a party on another node, not yet
	 * handed to its socket, before its own reading pauses. Keep it well under the
	 * outbound byte limit.
	 */
	private DataSize pipeWindow = DataSize.ofKilobytes(512);

	/** How soon a tunnel party learns that its peer's node died. */
	private Duration pipeLiveness = Duration.ofSeconds(6);

	/** How often readiness sends a probe through Redis and back to this node. */
	private Duration probeInterval = Duration.ofSeconds(2);

	/** How long a probe may take before readiness goes down. */
	private Duration probeTimeout = Duration.ofSeconds(2);

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getHeartbeatTtl() {
		return this.heartbeatTtl;
	}

	public void setHeartbeatTtl(Duration heartbeatTtl) {
		this.heartbeatTtl = heartbeatTtl;
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

	public Duration getProbeInterval() {
		return this.probeInterval;
	}

	public void setProbeInterval(Duration probeInterval) {
		this.probeInterval = probeInterval;
	}

	public Duration getProbeTimeout() {
		return this.probeTimeout;
	}

	public void setProbeTimeout(Duration probeTimeout) {
		this.probeTimeout = probeTimeout;
	}

	/**
	 * Where the cluster seams keep their state.
	 */
	public enum Mode {

		/** In this node's memory: a single node. */
		MEMORY,

		/** In Redis, shared by every node that uses the same Redis and key prefix. */
		REDIS

	}

}
