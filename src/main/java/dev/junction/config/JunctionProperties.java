package dev.junction.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Junction's node-wide configuration, under {@code junction.}; each protocol's settings
 * are its own, under {@code junction.protocols.<name>}.
 */
@ConfigurationProperties("junction")
public class JunctionProperties {

	@NestedConfigurationProperty
	private final LimitsProperties limits = new LimitsProperties();

	@NestedConfigurationProperty
	private final KeepaliveProperties keepalive = new KeepaliveProperties();

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
	private final MemoryProperties memory = new MemoryProperties();

	public LimitsProperties getLimits() {
		return this.limits;
	}

	public KeepaliveProperties getKeepalive() {
		return this.keepalive;
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

}
