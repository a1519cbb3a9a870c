package dev.junction.observability;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.NodeCounters;
import dev.junction.core.SignalingCounters;
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
 * The JSON documents of the README's HTTP endpoints section: {@code GET /} and
 * {@code GET /health} (the rooms and pairs relays' shape) and {@code GET /metrics} (the
 * signaling server's). They read the same counters as the meters; {@code /metrics} counts
 * signaling peers only. A WebSocket upgrade on {@code /} is not theirs.
 */
@Configuration(proxyBeanMethods = false)
public class HealthEndpoints {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

	@Bean
	RouterFunction<ServerResponse> healthRoutes(ConnectionRegistry connections, NodeCounters counters, Clock clock,
			@Value("${junction.version:unknown}") String version) {
		RequestPredicate plainGet = RequestPredicates.GET("/**")
			.and(RequestPredicates.headers((
					headers) -> headers.header(HttpHeaders.UPGRADE).stream().noneMatch("websocket"::equalsIgnoreCase)));
		return RouterFunctions
			.route(plainGet.and(RequestPredicates.path("/").or(RequestPredicates.path("/health"))),
					(request) -> health(connections, counters, clock, version))
			.andRoute(plainGet.and(RequestPredicates.path("/metrics")), (request) -> metrics(counters, clock));
	}

	private static Mono<ServerResponse> health(ConnectionRegistry connections, NodeCounters counters, Clock clock,
			String version) {
		boolean draining = counters.draining().get();
		Health body = new Health(draining ? "draining" : "healthy", "junction", version, clock.millis(),
				ManagementFactory.getRuntimeMXBean().getUptime() / 1000, connections.size(), counters.rooms().get(),
				counters.sessions().get(), counters.topics().get(), counters.peers().get());
		return ServerResponse.status(draining ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

	private static Mono<ServerResponse> metrics(NodeCounters counters, Clock clock) {
		SignalingCounters signaling = counters.signaling();
		String timestamp = TIMESTAMP.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
		Metrics body = new Metrics(timestamp, signaling.rooms().get(), signaling.peers().get(), signaling.peersByRole(),
				signaling.registrations().get(), signaling.messages().get(), signaling.roomsCreated().get());
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	record Health(String status, String service, String version, long timestamp, long uptime, long connections,
			long rooms, long sessions, long topics, long peers) {
	}

	/**
	 * The signaling server's {@code /metrics}: {@code timestamp} is UTC without a zone,
	 * to the microsecond; {@code peers_by_role} lists only roles that have peers.
	 */
	record Metrics(String timestamp, @JsonProperty("active_rooms") long activeRooms,
			@JsonProperty("active_connections") long activeConnections,
			@JsonProperty("peers_by_role") Map<String, Long> peersByRole,
			@JsonProperty("total_connections") long totalConnections,
			@JsonProperty("total_messages") long totalMessages, @JsonProperty("rooms_created") long roomsCreated) {
	}

}
