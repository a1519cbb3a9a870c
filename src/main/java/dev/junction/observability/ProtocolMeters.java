package dev.junction.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junction.core.RelayEvents;
import dev.junction.protocol.LiveCount;
import dev.junction.protocol.RelayProtocol;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters the served protocols report: active connections of each (from zero),
 * {@code junction_groups_active} by kind (summed over the protocols that share a kind),
 * and each protocol's own meters.
 */
public final class ProtocolMeters {

	private ProtocolMeters() {
	}

	/**
	 * Register the protocols' meters.
	 * @param registry the meter registry
	 * @param events the node's event meters
	 * @param protocols the served protocols
	 * @param endpoints the names of the endpoints that count connections before a
	 * protocol is chosen ({@code root})
	 */
	public static void register(MeterRegistry registry, RelayEvents events, List<RelayProtocol> protocols,
			List<String> endpoints) {
		Map<String, List<LiveCount>> kinds = new LinkedHashMap<>();
		for (RelayProtocol protocol : protocols) {
			if (events instanceof JunctionMetrics metrics) {
				metrics.expect(protocol.name());
			}
			for (LiveCount count : protocol.liveCounts()) {
				if (count.groupKind() != null) {
					kinds.computeIfAbsent(count.groupKind(), (kind) -> new ArrayList<>()).add(count);
				}
			}
			protocol.bindMeters(registry);
		}
		if (events instanceof JunctionMetrics metrics) {
			endpoints.forEach(metrics::expect);
			kinds.forEach((kind, counts) -> metrics.groups(kind,
					() -> counts.stream().mapToLong((count) -> count.value().getAsLong()).sum()));
		}
	}

}
