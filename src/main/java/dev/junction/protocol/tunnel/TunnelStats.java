package dev.junction.protocol.tunnel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.core.RelayEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code junction.tunnel.stats} line written once per ended session (see
 * docs/tunnel.md): a JSON object with the contract's keys in the contract's order.
 */
final class TunnelStats {

	private static final Log statsLog = LogFactory.getLog("junction.tunnel.stats");

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final ObjectMapper mapper;

	private final RelayEvents events;

	TunnelStats(ObjectMapper mapper, RelayEvents events) {
		this.mapper = mapper;
		this.events = events;
	}

	void write(String sessionId, long durationNanos, long clientToServer, long serverToClient, Instant now) {
		double seconds = Math.round(durationNanos / 1_000_000.0) / 1000.0;
		Line line = new Line("session_closed", sessionId, seconds, clientToServer, serverToClient,
				clientToServer + serverToClient, TIMESTAMP.format(now));
		statsLog.info(this.mapper.writeValueAsString(line));
		this.events.tunnelBytes("client_to_server", clientToServer);
		this.events.tunnelBytes("server_to_client", serverToClient);
	}

	record Line(String event, @JsonProperty("session_id") String sessionId,
			@JsonProperty("duration_seconds") double durationSeconds,
			@JsonProperty("bytes_client_to_server") long bytesClientToServer,
			@JsonProperty("bytes_server_to_client") long bytesServerToClient,
			@JsonProperty("total_bytes") long totalBytes, String timestamp) {
	}

}
