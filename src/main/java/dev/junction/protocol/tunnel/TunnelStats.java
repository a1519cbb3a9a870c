package dev.junction.protocol.tunnel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
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

	private final AtomicLong clientToServer = new AtomicLong();

	private final AtomicLong serverToClient = new AtomicLong();

	TunnelStats(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	void write(String sessionId, long durationNanos, long clientToServer, long serverToClient, Instant now) {
		double seconds = Math.round(durationNanos / 1_000_000.0) / 1000.0;
		Line line = new Line("session_closed", sessionId, seconds, clientToServer, serverToClient,
				clientToServer + serverToClient, TIMESTAMP.format(now));
		statsLog.info(this.mapper.writeValueAsString(line));
	}

	/**
	 * Count payload bytes handed on to the other party as they flow, by direction: the
	 * first party's bytes are the stats line's {@code bytes_client_to_server}.
	 * @param fromFirst whether the first party sent them
	 * @param bytes the byte count
	 */
	void forwarded(boolean fromFirst, long bytes) {
		(fromFirst ? this.clientToServer : this.serverToClient).addAndGet(bytes);
	}

	/**
	 * Register {@code junction_tunnel_bytes_total}, by direction.
	 * @param registry the meter registry
	 */
	void bindMeters(MeterRegistry registry) {
		bytes(registry, "client_to_server", this.clientToServer);
		bytes(registry, "server_to_client", this.serverToClient);
	}

	private static void bytes(MeterRegistry registry, String direction, AtomicLong total) {
		FunctionCounter.builder("junction.tunnel.bytes", total, AtomicLong::get)
			.description("Payload bytes tunnels handed on to the other party, counted as they flow")
			.tag("direction", direction)
			.register(registry);
	}

	record Line(String event, @JsonProperty("session_id") String sessionId,
			@JsonProperty("duration_seconds") double durationSeconds,
			@JsonProperty("bytes_client_to_server") long bytesClientToServer,
			@JsonProperty("bytes_server_to_client") long bytesServerToClient,
			@JsonProperty("total_bytes") long totalBytes, String timestamp) {
	}

}
