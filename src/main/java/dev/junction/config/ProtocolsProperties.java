package dev.junction.config;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings of each protocol.
 */
public class ProtocolsProperties {

	@NestedConfigurationProperty
	private final ProtocolProperties rooms = new ProtocolProperties();

	@NestedConfigurationProperty
	private final ProtocolProperties pairs = new ProtocolProperties();

	@NestedConfigurationProperty
	private final SignalingProtocolProperties signaling = new SignalingProtocolProperties();

	@NestedConfigurationProperty
	private final ProtocolProperties tunnel = new ProtocolProperties();

	@NestedConfigurationProperty
	private final ProtocolProperties topics = new ProtocolProperties();

	public ProtocolProperties getRooms() {
		return this.rooms;
	}

	public ProtocolProperties getPairs() {
		return this.pairs;
	}

	public SignalingProtocolProperties getSignaling() {
		return this.signaling;
	}

	public ProtocolProperties getTunnel() {
		return this.tunnel;
	}

	public ProtocolProperties getTopics() {
		return this.topics;
	}

	/**
	 * A protocol's settings by its name.
	 * @param name rooms, pairs, signaling, tunnel or topics
	 * @return the settings
	 */
	public ProtocolProperties byName(String name) {
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
