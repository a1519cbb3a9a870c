package dev.junction.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Junction's configuration, under {@code junction.}. The keys of PROTOCOLS.md section 8
 * are part of the contract and keep their names.
 */
@ConfigurationProperties("junction")
public class JunctionProperties {

	private final Protocols protocols = new Protocols();

	private final Limits limits = new Limits();

	private final Keepalive keepalive = new Keepalive();

	private final Rooms rooms = new Rooms();

	private final Pairs pairs = new Pairs();

	private final Topics topics = new Topics();

	private final Shutdown shutdown = new Shutdown();

	private final Auth auth = new Auth();

	private final Cluster cluster = new Cluster();

	public Protocols getProtocols() {
		return this.protocols;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Keepalive getKeepalive() {
		return this.keepalive;
	}

	public Rooms getRooms() {
		return this.rooms;
	}

	public Pairs getPairs() {
		return this.pairs;
	}

	public Topics getTopics() {
		return this.topics;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Auth getAuth() {
		return this.auth;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	/**
	 * The largest frame a protocol accepts: its own override, else the global limit.
	 * @param protocol the protocol's settings
	 * @return the limit in bytes
	 */
	public int maxFrameSize(Protocol protocol) {
		DataSize size = (protocol.getMaxFrameSize() != null) ? protocol.getMaxFrameSize()
				: this.limits.getMaxFrameSize();
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

	/**
	 * Settings of each protocol.
	 */
	public static class Protocols {

		private final Protocol rooms = new Protocol();

		private final Protocol pairs = new Protocol();

		private final Protocol signaling = new Protocol();

		private final Protocol tunnel = new Protocol();

		private final Protocol topics = new Protocol();

		public Protocol getRooms() {
			return this.rooms;
		}

		public Protocol getPairs() {
			return this.pairs;
		}

		public Protocol getSignaling() {
			return this.signaling;
		}

		public Protocol getTunnel() {
			return this.tunnel;
		}

		public Protocol getTopics() {
			return this.topics;
		}

	}

	/**
	 * Settings shared by every protocol.
	 */
	public static class Protocol {

		/** Whether the protocol is served. */
		private boolean enabled = true;

		/**
		 * Whether a token is required, optional or ignored (enforced from the security
		 * release on).
		 */
		private AuthPolicy auth = AuthPolicy.REQUIRED;

		/**
		 * Largest accepted frame for this protocol; defaults to
		 * junction.limits.max-frame-size.
		 */
		private @Nullable DataSize maxFrameSize;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public AuthPolicy getAuth() {
			return this.auth;
		}

		public void setAuth(AuthPolicy auth) {
			this.auth = auth;
		}

		public @Nullable DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(@Nullable DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

	}

	/**
	 * Whether a protocol needs a token.
	 */
	public enum AuthPolicy {

		/** A valid token is needed. */
		REQUIRED,

		/** A token is not needed, but one that is sent must be valid. */
		OPTIONAL,

		/** Tokens are ignored. */
		NONE

	}

	/**
	 * Limits that protect the node.
	 */
	public static class Limits {

		/** Largest accepted frame; larger ones close the connection with 1009. */
		private DataSize maxFrameSize = DataSize.ofMegabytes(32);

		/**
		 * Most frames waiting in one connection's outbound queue before it is closed
		 * 1013.
		 */
		private int outboundQueueMessages = 4096;

		/**
		 * Most bytes waiting in one connection's outbound queue before it is closed 1013.
		 */
		private DataSize outboundQueueBytes = DataSize.ofMegabytes(64);

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

	}

	/**
	 * WebSocket pings that find dead connections.
	 */
	public static class Keepalive {

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

	/**
	 * The rooms protocol.
	 */
	public static class Rooms {

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

	/**
	 * The pairs protocol.
	 */
	public static class Pairs {

		/** Largest message relayed; larger ones get an error reply and are dropped. */
		private DataSize maxMessageSize = DataSize.ofMegabytes(10);

		/** A session that received no message for this long is closed. */
		private Duration inactivityTimeout = Duration.ofMinutes(30);

		/** How often sessions are checked for inactivity. */
		private Duration sweepInterval = Duration.ofMinutes(5);

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public Duration getInactivityTimeout() {
			return this.inactivityTimeout;
		}

		public void setInactivityTimeout(Duration inactivityTimeout) {
			this.inactivityTimeout = inactivityTimeout;
		}

		public Duration getSweepInterval() {
			return this.sweepInterval;
		}

		public void setSweepInterval(Duration sweepInterval) {
			this.sweepInterval = sweepInterval;
		}

	}

	/**
	 * The topics protocol.
	 */
	public static class Topics {

		/** How often the number of topics and peers is logged at INFO. */
		private Duration statsInterval = Duration.ofMinutes(5);

		public Duration getStatsInterval() {
			return this.statsInterval;
		}

		public void setStatsInterval(Duration statsInterval) {
			this.statsInterval = statsInterval;
		}

	}

	/**
	 * Shutdown and closing.
	 */
	public static class Shutdown {

		/** Longest wait at shutdown for connections to finish their close handshake. */
		private Duration drainTimeout = Duration.ofSeconds(10);

		/**
		 * Longest wait for a peer to complete a close handshake before the socket is
		 * dropped.
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

	/**
	 * JWT keys; accepted now and enforced from the security release on.
	 */
	public static class Auth {

		/** HMAC key for HS256/384/512 tokens. */
		private @Nullable String hmacSecret;

		public @Nullable String getHmacSecret() {
			return this.hmacSecret;
		}

		public void setHmacSecret(@Nullable String hmacSecret) {
			this.hmacSecret = hmacSecret;
		}

	}

	/**
	 * How nodes share state.
	 */
	public static class Cluster {

		/** memory (one node) or redis. */
		private String mode = "memory";

		public String getMode() {
			return this.mode;
		}

		public void setMode(String mode) {
			this.mode = mode;
		}

	}

}
