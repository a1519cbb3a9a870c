package dev.junction.observability;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;

import dev.junction.core.ConnectionRegistry;
import dev.junction.core.NodeCounters;
import dev.junction.protocol.LiveCount;
import dev.junction.protocol.RelayProtocol;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The JSON health document of the README's HTTP endpoints section (the rooms and pairs
 * relays' shape), {@code GET /} and {@code GET /health}: the node's connections and the
 * served protocols' live counts, the same numbers the meters read. A WebSocket upgrade on
 * {@code /} is not theirs.
 */
@Configuration(proxyBeanMethods = false)
public class HealthEndpoints {

	@Bean
	RouterFunction<ServerResponse> healthRoutes(ConnectionRegistry connections, NodeCounters counters,
			List<RelayProtocol> protocols, Clock clock, @Value("${junction.version:unknown}") String version) {
		RequestPredicate plainGet = RequestPredicates.GET("/**")
			.and(RequestPredicates.headers((
					headers) -> headers.header(HttpHeaders.UPGRADE).stream().noneMatch("websocket"::equalsIgnoreCase)));
		List<LiveCount> counts = protocols.stream().flatMap((protocol) -> protocol.liveCounts().stream()).toList();
		return RouterFunctions.route(plainGet.and(RequestPredicates.path("/").or(RequestPredicates.path("/health"))),
				(request) -> health(connections, counters, counts, clock, version));
	}

	private static Mono<ServerResponse> health(ConnectionRegistry connections, NodeCounters counters,
			List<LiveCount> counts, Clock clock, String version) {
		boolean draining = counters.draining().get();
		Health body = new Health(draining ? "draining" : "healthy", "junction", version, clock.millis(),
				ManagementFactory.getRuntimeMXBean().getUptime() / 1000, connections.size(), sum(counts, "rooms"),
				sum(counts, "sessions"), sum(counts, "topics"), sum(counts, "peers"));
		return ServerResponse.status(draining ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

	private static long sum(List<LiveCount> counts, String field) {
		long sum = 0;
		for (LiveCount count : counts) {
			if (field.equals(count.healthField())) {
				sum += count.value().getAsLong();
			}
		}
		return sum;
	}

	record Health(String status, String service, String version, long timestamp, long uptime, long connections,
			long rooms, long sessions, long topics, long peers) {
	}

}
