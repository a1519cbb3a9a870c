package dev.junction.observability;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.NodeCounters;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;

/**
 * The admin page's view of the node, read from the meters of {@link JunctionMeters} (and
 * the {@link NodeCounters} behind the health document), so that it always tells the
 * numbers Prometheus scrapes. Totals only: the page turns two snapshots into rates.
 *
 * @param status {@code healthy} or {@code draining}
 * @param version the build's version
 * @param uptime seconds since the JVM started
 * @param connections open connections of every protocol
 * @param protocols one entry per protocol that has meters
 * @param groups live groups by kind
 * @param refusals upgrades refused before authentication, by reason
 * @param authRefusals upgrades refused for their token, by reason
 * @param limitHits limits that closed a connection or refused a request, by limit
 * @param slowConsumers connections closed because they read too slowly
 * @param outboundQueuedMessages frames waiting in outbound queues
 * @param outboundQueuedBytes bytes waiting in outbound queues
 */
record NodeState(String status, String version, long uptime, long connections, List<ProtocolState> protocols,
		Map<String, Long> groups, Map<String, Long> refusals,
		@JsonProperty("auth_refusals") Map<String, Long> authRefusals,
		@JsonProperty("limit_hits") Map<String, Long> limitHits, @JsonProperty("slow_consumers") long slowConsumers,
		@JsonProperty("outbound_queued_messages") long outboundQueuedMessages,
		@JsonProperty("outbound_queued_bytes") long outboundQueuedBytes) {

	private static final String SLOW_CONSUMER = "slow_consumer";

	/**
	 * Read the node's state now.
	 * @param connections the open connections
	 * @param counters the node's counters
	 * @param registry the registry the meters live in
	 * @param version the build's version
	 * @return the state
	 */
	static NodeState read(ConnectionRegistry connections, NodeCounters counters, MeterRegistry registry,
			String version) {
		Map<String, Long> limitHits = byTag(registry, JunctionMeters.LIMIT_HITS, "limit");
		return new NodeState(counters.draining().get() ? "draining" : "healthy", version,
				ManagementFactory.getRuntimeMXBean().getUptime() / 1000, connections.size(), protocols(registry),
				byTag(registry, JunctionMeters.GROUPS_ACTIVE, "kind"),
				byTag(registry, JunctionMeters.UPGRADES_REFUSED, "reason"),
				byTag(registry, JunctionMeters.AUTH_REFUSALS, "reason"), limitHits,
				limitHits.getOrDefault(SLOW_CONSUMER, 0L), sum(registry, JunctionMeters.OUTBOUND_QUEUED_MESSAGES),
				sum(registry, JunctionMeters.OUTBOUND_QUEUED_BYTES));
	}

	private static List<ProtocolState> protocols(MeterRegistry registry) {
		Map<String, Long> active = byTag(registry, JunctionMeters.CONNECTIONS_ACTIVE, "protocol");
		Map<String, Long> opened = byTag(registry, JunctionMeters.CONNECTIONS_OPENED, "protocol");
		Map<String, Long> framesIn = byTag(registry, JunctionMeters.FRAMES, "protocol", "in");
		Map<String, Long> framesOut = byTag(registry, JunctionMeters.FRAMES, "protocol", "out");
		Map<String, Long> bytesIn = byTag(registry, JunctionMeters.FRAME_BYTES, "protocol", "in");
		Map<String, Long> bytesOut = byTag(registry, JunctionMeters.FRAME_BYTES, "protocol", "out");
		List<ProtocolState> protocols = new ArrayList<>();
		for (String name : active.keySet()) {
			protocols.add(new ProtocolState(name, active.get(name), opened.getOrDefault(name, 0L),
					framesIn.getOrDefault(name, 0L), framesOut.getOrDefault(name, 0L), bytesIn.getOrDefault(name, 0L),
					bytesOut.getOrDefault(name, 0L)));
		}
		return protocols;
	}

	private static Map<String, Long> byTag(MeterRegistry registry, JunctionMeters meter, String tag) {
		return byTag(registry.find(meter.meterName()), tag);
	}

	private static Map<String, Long> byTag(MeterRegistry registry, JunctionMeters meter, String tag, String direction) {
		return byTag(registry.find(meter.meterName()).tag("direction", direction), tag);
	}

	private static Map<String, Long> byTag(Search search, String tag) {
		Map<String, Long> values = new TreeMap<>();
		for (Meter meter : search.meters()) {
			String key = meter.getId().getTag(tag);
			if (key != null) {
				values.merge(key, value(meter), Long::sum);
			}
		}
		return values;
	}

	private static long sum(MeterRegistry registry, JunctionMeters meter) {
		return registry.find(meter.meterName()).meters().stream().mapToLong(NodeState::value).sum();
	}

	/**
	 * A counter's count or a gauge's value (the first measurement), whole.
	 */
	private static long value(Meter meter) {
		for (Measurement measurement : meter.measure()) {
			double value = measurement.getValue();
			return Double.isFinite(value) ? Math.round(value) : 0;
		}
		return 0;
	}

	/**
	 * One protocol's connections and traffic.
	 *
	 * @param name the protocol
	 * @param connections open connections
	 * @param opened connections opened since start
	 * @param framesIn messages received
	 * @param framesOut messages sent
	 * @param bytesIn payload bytes received
	 * @param bytesOut payload bytes sent
	 */
	record ProtocolState(String name, long connections, long opened, @JsonProperty("frames_in") long framesIn,
			@JsonProperty("frames_out") long framesOut, @JsonProperty("bytes_in") long bytesIn,
			@JsonProperty("bytes_out") long bytesOut) {

	}

}
