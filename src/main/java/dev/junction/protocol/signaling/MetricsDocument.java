package dev.junction.protocol.signaling;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The signaling server's {@code GET /metrics} document: {@code timestamp} is UTC without
 * a zone, to the microsecond; {@code peers_by_role} lists only roles that have peers.
 *
 * @param timestamp when the document was made
 * @param activeRooms rooms with registered peers
 * @param activeConnections registered peers
 * @param peersByRole registered peers by role
 * @param totalConnections registrations since start-up
 * @param totalMessages messages routed since start-up
 * @param roomsCreated rooms made by {@code POST /create-room} since start-up
 */
record MetricsDocument(String timestamp, @JsonProperty("active_rooms") long activeRooms,
		@JsonProperty("active_connections") long activeConnections,
		@JsonProperty("peers_by_role") Map<String, Long> peersByRole,
		@JsonProperty("total_connections") long totalConnections, @JsonProperty("total_messages") long totalMessages,
		@JsonProperty("rooms_created") long roomsCreated) {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

	static Mono<ServerResponse> response(SignalingCounters counters, Clock clock) {
		String timestamp = TIMESTAMP.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
		MetricsDocument body = new MetricsDocument(timestamp, counters.rooms().get(), counters.peers().get(),
				counters.peersByRole(), counters.registrations().get(), counters.messages().get(),
				counters.roomsCreated().get());
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
