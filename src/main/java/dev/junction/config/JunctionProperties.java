package dev.junction.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.junction.security.AuthPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
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

	private final Tunnel tunnel = new Tunnel();

	private final Topics topics = new Topics();

	private final Root root = new Root();

	private final Shutdown shutdown = new Shutdown();

	private final Auth auth = new Auth();

	private final Cluster cluster = new Cluster();

	private final Security security = new Security();

	@NestedConfigurationProperty
	private final SignalingProperties signaling = new SignalingProperties();

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

	public Tunnel getTunnel() {
		return this.tunnel;
	}

	public Topics getTopics() {
		return this.topics;
	}

	public Root getRoot() {
		return this.root;
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

	public Security getSecurity() {
		return this.security;
	}

	public SignalingProperties getSignaling() {
		return this.signaling;
	}

	/**
	 * The largest frame a protocol accepts: its own override, else the global limit.
	 * @param protocol the protocol's settings
	 * @return the limit in bytes
	 */
	public int maxFrameSize(Protocol protocol) {
		DataSize size = protocol.getMaxFrameSize();
		if (size == null) {
			size = (protocol == this.protocols.getTunnel()) ? DataSize.ofMegabytes(16) : this.limits.getMaxFrameSize();
		}
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

	/**
	 * Settings of each protocol.
	 */
	public static class Protocols {

		private final Protocol rooms = new Protocol();

		private final Protocol pairs = new Protocol();

		private final SignalingProtocolProperties signaling = new SignalingProtocolProperties();

		private final Protocol tunnel = new Protocol();

		private final Protocol topics = new Protocol();

		public Protocol getRooms() {
			return this.rooms;
		}

		public Protocol getPairs() {
			return this.pairs;
		}

		public SignalingProtocolProperties getSignaling() {
			return this.signaling;
		}

		public Protocol getTunnel() {
			return this.tunnel;
		}

		public Protocol getTopics() {
			return this.topics;
		}

		/**
		 * A protocol's settings by its name.
		 * @param name rooms, pairs, signaling, tunnel or topics
		 * @return the settings
		 */
		public Protocol byName(String name) {
			return switch (name) {
				case "rooms" -> this.rooms;
				case "pairs" -> this.pairs;
				case "signaling" -> this.signaling;
				case "tunnel" -> this.tunnel;
				case "topics" -> this.topics;
				default -> throw new IllegalArgumentException("Unknown protocol " + name);
			};
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

		/**
		 * Inbound messages per second per connection; above it the connection is closed
		 * 1008.
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

		/** Connections per node (503 with Retry-After above). */
		private int maxConnections = 50_000;

		/** Connections per client address (429 above). */
		private int maxConnectionsPerAddress = 1000;

		/** Connections per token subject (429 above). */
		private int maxConnectionsPerSubject = 100;

		/** Members per room (rooms: a ROOM_FULL error above). */
		private int maxRoomMembers = 1000;

		/** Rooms per node (rooms: a ROOM_LIMIT error above). */
		private int maxRooms = 10_000;

		/** Pairs sessions per node (closed 1013 above). */
		private int maxSessions = 10_000;

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

		public int getMaxRoomMembers() {
			return this.maxRoomMembers;
		}

		public void setMaxRoomMembers(int maxRoomMembers) {
			this.maxRoomMembers = maxRoomMembers;
		}

		public int getMaxRooms() {
			return this.maxRooms;
		}

		public void setMaxRooms(int maxRooms) {
			this.maxRooms = maxRooms;
		}

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
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
	 * The tunnel protocol.
	 */
	public static class Tunnel {

		/** Bytes a first party may send before its peer arrives (1013 above). */
		private DataSize bufferSize = DataSize.ofMegabytes(1);

		/** How long a first party waits for its peer before it is closed 1000. */
		private Duration waitTimeout = Duration.ofSeconds(300);

		/** How long a connection without a handshake token has to send its auth frame. */
		private Duration authTimeout = Duration.ofSeconds(10);

		/** End a paired session after this long without a frame; unset means never. */
		private @Nullable Duration idleTimeout;

		public DataSize getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(DataSize bufferSize) {
			this.bufferSize = bufferSize;
		}

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

		public Duration getAuthTimeout() {
			return this.authTimeout;
		}

		public void setAuthTimeout(Duration authTimeout) {
			this.authTimeout = authTimeout;
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
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
	 * The bare-host endpoint {@code /}, whose first frame picks signaling or topics.
	 */
	public static class Root {

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

	/**
	 * Shutdown and closing.
	 */
	public static class Shutdown {

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
	 * JWT verification.
	 */
	public static class Auth {

		/** HMAC key for HS256/384/512 tokens, at least 32 bytes. */
		private @Nullable String hmacSecret;

		/**
		 * PEM public keys (RS/PS/ES), each the PEM text or a resource location such as
		 * file:/keys/a.pem.
		 */
		private List<String> publicKeys = new ArrayList<>();

		/** JWKS endpoints (https, or http on loopback). */
		private List<URI> jwksUris = new ArrayList<>();

		/** How often JWKS endpoints are fetched again. */
		private Duration jwksRefreshInterval = Duration.ofMinutes(10);

		/** Least time between two fetches caused by unknown key ids. */
		private Duration jwksMinRefreshInterval = Duration.ofMinutes(1);

		/** Required iss claim. */
		private @Nullable String issuer;

		/** Required aud claim. */
		private @Nullable String audience;

		/** Required token_use claim (AWS Cognito id tokens: id). */
		private @Nullable String tokenUse;

		/** Allowed clock skew for exp and nbf. */
		private Duration leeway = Duration.ofSeconds(30);

		/** Whether tokens without exp are refused. */
		private boolean requireExpiration = true;

		/** Fail start-up when no key is configured, instead of using an ephemeral one. */
		private boolean requireConfiguredKey;

		public @Nullable String getHmacSecret() {
			return this.hmacSecret;
		}

		public void setHmacSecret(@Nullable String hmacSecret) {
			this.hmacSecret = hmacSecret;
		}

		public List<String> getPublicKeys() {
			return this.publicKeys;
		}

		public void setPublicKeys(List<String> publicKeys) {
			this.publicKeys = publicKeys;
		}

		public List<URI> getJwksUris() {
			return this.jwksUris;
		}

		public void setJwksUris(List<URI> jwksUris) {
			this.jwksUris = jwksUris;
		}

		public Duration getJwksRefreshInterval() {
			return this.jwksRefreshInterval;
		}

		public void setJwksRefreshInterval(Duration jwksRefreshInterval) {
			this.jwksRefreshInterval = jwksRefreshInterval;
		}

		public Duration getJwksMinRefreshInterval() {
			return this.jwksMinRefreshInterval;
		}

		public void setJwksMinRefreshInterval(Duration jwksMinRefreshInterval) {
			this.jwksMinRefreshInterval = jwksMinRefreshInterval;
		}

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

		public @Nullable String getTokenUse() {
			return this.tokenUse;
		}

		public void setTokenUse(@Nullable String tokenUse) {
			this.tokenUse = tokenUse;
		}

		public Duration getLeeway() {
			return this.leeway;
		}

		public void setLeeway(Duration leeway) {
			this.leeway = leeway;
		}

		public boolean isRequireExpiration() {
			return this.requireExpiration;
		}

		public void setRequireExpiration(boolean requireExpiration) {
			this.requireExpiration = requireExpiration;
		}

		public boolean isRequireConfiguredKey() {
			return this.requireConfiguredKey;
		}

		public void setRequireConfiguredKey(boolean requireConfiguredKey) {
			this.requireConfiguredKey = requireConfiguredKey;
		}

	}

	/**
	 * Who may connect from where.
	 */
	public static class Security {

		/**
		 * Allowed browser origins; empty allows any (requests without Origin are always
		 * allowed).
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/** Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed. */
		private List<String> trustedProxies = new ArrayList<>();

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
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
