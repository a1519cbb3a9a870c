package dev.junction.observability;

import java.time.Duration;
import java.util.List;

/**
 * Every meter Junction records, declared once: name, description, and tag keys. Names
 * follow Micrometer's dotted convention; {@code /actuator/prometheus} renders them as
 * {@code junction_*}. No tag ever carries a room code, session id, peer id or user id.
 */
enum JunctionMeters {

	CONNECTIONS_ACTIVE("junction.connections.active", "Open connections", "protocol"),

	CONNECTIONS_OPENED("junction.connections.opened", "Connections opened", "protocol"),

	CONNECTIONS_CLOSED("junction.connections.closed", "Connections closed, by close code", "protocol", "close.code"),

	UPGRADES_REFUSED("junction.upgrades.refused", "Upgrades refused before authentication", "reason"),

	AUTH_REFUSALS("junction.auth.refusals", "Upgrades refused for their token", "reason"),

	FRAMES("junction.frames", "WebSocket messages", "protocol", "direction", "kind"),

	FRAME_BYTES("junction.frame.bytes", "WebSocket message payload bytes", "protocol", "direction", "kind"),

	DELIVERY_LATENCY("junction.delivery.latency",
			"Time from a frame's creation (its arrival, for relayed frames) to its hand-over to the network",
			"protocol"),

	GROUPS_ACTIVE("junction.groups.active", "Live groups by kind", "kind"),

	DRAINING("junction.draining", "1 while the node drains (readiness down, upgrades refused), else 0"),

	OUTBOUND_QUEUED_MESSAGES("junction.outbound.queued.messages", "Frames waiting in outbound queues"),

	OUTBOUND_QUEUED_BYTES("junction.outbound.queued.bytes", "Bytes waiting in outbound queues"),

	LIMIT_HITS("junction.limit.hits", "Limits that closed a connection or refused a request", "limit"),

	NETTY_USED_DIRECT_MEMORY("junction.netty.allocator.used.direct.memory",
			"Direct memory held by Netty's default buffer allocator, in bytes"),

	NETTY_USED_HEAP_MEMORY("junction.netty.allocator.used.heap.memory",
			"Heap memory held by Netty's default buffer allocator, in bytes"),

	BUILD_INFO("junction.build.info", "Always 1; the tags say which build runs, on which Java", "version", "commit",
			"java.version");

	/** Service-level objectives of {@link #DELIVERY_LATENCY}. */
	static final Duration[] LATENCY_SLOS = { Duration.ofNanos(100_000), Duration.ofNanos(250_000),
			Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
			Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500) };

	private final String meterName;

	private final String description;

	@SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
	private final List<String> tagKeys;

	JunctionMeters(String meterName, String description, String... tagKeys) {
		this.meterName = meterName;
		this.description = description;
		this.tagKeys = List.of(tagKeys);
	}

	String meterName() {
		return this.meterName;
	}

	String description() {
		return this.description;
	}

	String[] tagKeys() {
		return this.tagKeys.toArray(String[]::new);
	}

}
