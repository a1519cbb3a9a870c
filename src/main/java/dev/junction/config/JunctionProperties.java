package dev.junction.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Junction's configuration, under {@code junction.}. The keys of the README's
 * Configuration section are part of the contract and keep their names.
 */
@ConfigurationProperties("junction")
public class JunctionProperties {

	@NestedConfigurationProperty
	private final ProtocolsProperties protocols = new ProtocolsProperties();

	@NestedConfigurationProperty
	private final LimitsProperties limits = new LimitsProperties();

	@NestedConfigurationProperty
	private final KeepaliveProperties keepalive = new KeepaliveProperties();

	@NestedConfigurationProperty
	private final RoomsProperties rooms = new RoomsProperties();

	@NestedConfigurationProperty
	private final PairsProperties pairs = new PairsProperties();

	@NestedConfigurationProperty
	private final TunnelProperties tunnel = new TunnelProperties();

	@NestedConfigurationProperty
	private final TopicsProperties topics = new TopicsProperties();

	@NestedConfigurationProperty
	private final RootProperties root = new RootProperties();

	@NestedConfigurationProperty
	private final ShutdownProperties shutdown = new ShutdownProperties();

	@NestedConfigurationProperty
	private final AuthProperties auth = new AuthProperties();

	@NestedConfigurationProperty
	private final ClusterProperties cluster = new ClusterProperties();

	@NestedConfigurationProperty
	private final SecurityProperties security = new SecurityProperties();

	@NestedConfigurationProperty
	private final SignalingProperties signaling = new SignalingProperties();

	@NestedConfigurationProperty
	private final MemoryProperties memory = new MemoryProperties();

	public ProtocolsProperties getProtocols() {
		return this.protocols;
	}

	public LimitsProperties getLimits() {
		return this.limits;
	}

	public KeepaliveProperties getKeepalive() {
		return this.keepalive;
	}

	public RoomsProperties getRooms() {
		return this.rooms;
	}

	public PairsProperties getPairs() {
		return this.pairs;
	}

	public TunnelProperties getTunnel() {
		return this.tunnel;
	}

	public TopicsProperties getTopics() {
		return this.topics;
	}

	public RootProperties getRoot() {
		return this.root;
	}

	public ShutdownProperties getShutdown() {
		return this.shutdown;
	}

	public AuthProperties getAuth() {
		return this.auth;
	}

	public ClusterProperties getCluster() {
		return this.cluster;
	}

	public SecurityProperties getSecurity() {
		return this.security;
	}

	public MemoryProperties getMemory() {
		return this.memory;
	}

	public SignalingProperties getSignaling() {
		return this.signaling;
	}

	/**
	 * The largest frame a protocol accepts: its own override, else the global limit.
	 * @param protocol the protocol's settings
	 * @return the limit in bytes
	 */
	public int maxFrameSize(ProtocolProperties protocol) {
		DataSize size = protocol.getMaxFrameSize();
		if (size == null) {
			size = (protocol == this.protocols.getTunnel()) ? DataSize.ofMegabytes(16) : this.limits.getMaxFrameSize();
		}
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

}
