package dev.junction.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Keeps WebSocket upgrades out of the HTTP request observations. An upgraded request
 * "lasts" as long as its connection, so its observation (with its context map, key values
 * and long-task sample) would stay open and in memory for every idle connection, and its
 * duration would say nothing about the server. Connections have their own meters in
 * {@link JunctionMeters}.
 */
public final class UpgradeObservations implements ObservationPredicate {

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ServerRequestObservationContext request) {
			ServerHttpRequest carrier = request.getCarrier();
			return carrier == null || !"websocket".equalsIgnoreCase(carrier.getHeaders().getUpgrade());
		}
		return true;
	}

}
