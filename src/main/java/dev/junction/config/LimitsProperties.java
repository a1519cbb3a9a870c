package dev.junction.config;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * Limits that protect the node.
 */
public class LimitsProperties {

	/** Largest accepted frame; larger ones close the connection with 1009. */
	private DataSize maxFrameSize = DataSize.ofMegabytes(32);

	/**
	 * Most frames waiting in one connection's outbound queue before it is closed 1013.
	 */
	private int outboundQueueMessages = 4096;

	/**
	 * Most bytes waiting in one connection's outbound queue before it is closed 1013.
	 */
	private DataSize outboundQueueBytes = DataSize.ofMegabytes(64);

	/**
	 * Inbound messages per second per connection; above it the connection is closed 1008.
	 */
	private long inboundMessagesPerSecond = 1000;

	/**
	 * Inbound bytes per second per connection (a single frame up to the frame limit
	 * always fits).
	 */
	private DataSize inboundBytesPerSecond = DataSize.ofMegabytes(512);

	/** Upgrades per second per client address (429 above). */
	private long upgradesPerSecondPerAddress = 20;

	/** Failed authentications per minute per client address (429 above). */
	private long failedAuthPerMinutePerAddress = 10;

	/**
	 * Longest wait for a request head after a connection is accepted (or after the
	 * previous response on a kept-alive connection); the connection is closed after it.
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(5);

	/** Connections per node (503 with Retry-After above). */
	private int maxConnections = 50_000;

	/** Connections per client address (429 above). */
	private int maxConnectionsPerAddress = 1000;

	/** Connections per token subject (429 above). */
	private int maxConnectionsPerSubject = 100;

	/**
	 * Largest frame (or fragmented message) of a connection that has not authenticated
	 * yet (signaling before register, the tunnel before its auth frame, / before its
	 * first frame picks a protocol); larger ones close it with 1009.
	 */
	private DataSize unauthenticatedFrameSize = DataSize.ofKilobytes(64);

	public DataSize getUnauthenticatedFrameSize() {
		return this.unauthenticatedFrameSize;
	}

	public void setUnauthenticatedFrameSize(DataSize unauthenticatedFrameSize) {
		this.unauthenticatedFrameSize = unauthenticatedFrameSize;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public int getOutboundQueueMessages() {
		return this.outboundQueueMessages;
	}

	public void setOutboundQueueMessages(int outboundQueueMessages) {
		this.outboundQueueMessages = outboundQueueMessages;
	}

	public DataSize getOutboundQueueBytes() {
		return this.outboundQueueBytes;
	}

	public void setOutboundQueueBytes(DataSize outboundQueueBytes) {
		this.outboundQueueBytes = outboundQueueBytes;
	}

	public long getInboundMessagesPerSecond() {
		return this.inboundMessagesPerSecond;
	}

	public void setInboundMessagesPerSecond(long inboundMessagesPerSecond) {
		this.inboundMessagesPerSecond = inboundMessagesPerSecond;
	}

	public DataSize getInboundBytesPerSecond() {
		return this.inboundBytesPerSecond;
	}

	public void setInboundBytesPerSecond(DataSize inboundBytesPerSecond) {
		this.inboundBytesPerSecond = inboundBytesPerSecond;
	}

	public long getUpgradesPerSecondPerAddress() {
		return this.upgradesPerSecondPerAddress;
	}

	public void setUpgradesPerSecondPerAddress(long upgradesPerSecondPerAddress) {
		this.upgradesPerSecondPerAddress = upgradesPerSecondPerAddress;
	}

	public long getFailedAuthPerMinutePerAddress() {
		return this.failedAuthPerMinutePerAddress;
	}

	public void setFailedAuthPerMinutePerAddress(long failedAuthPerMinutePerAddress) {
		this.failedAuthPerMinutePerAddress = failedAuthPerMinutePerAddress;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public int getMaxConnectionsPerAddress() {
		return this.maxConnectionsPerAddress;
	}

	public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
		this.maxConnectionsPerAddress = maxConnectionsPerAddress;
	}

	public int getMaxConnectionsPerSubject() {
		return this.maxConnectionsPerSubject;
	}

	public void setMaxConnectionsPerSubject(int maxConnectionsPerSubject) {
		this.maxConnectionsPerSubject = maxConnectionsPerSubject;
	}

}
