package dev.junction.protocol.signaling;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /metrics} counts signaling peers (the README's HTTP endpoints section), in a
 * context of its own so that no other test's peers are counted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { SignalingWire.SECRET_PROPERTY, "junction.protocols.signaling.room-ttl=3h" })
class SignalingMetricsWireTests {

	@LocalServerPort
	int port;

	@Test
	void metricsShouldCountRoomsPeersByRoleRegistrationsAndDeliveries() {
		SignalingWire wire = new SignalingWire(this.port);
		assertThat(metrics(wire)).isEqualTo("{\"active_rooms\":0,\"active_connections\":0,"
				+ "\"peers_by_role\":{},\"total_connections\":0,\"total_messages\":0,\"rooms_created\":0}");
		Room room = wire.createRoom();
		Room other = wire.createRoom();
		wire.connect();
		TestWebSocket worker = wire.registered("M-worker", room, "worker", "{}");
		TestWebSocket client = wire.registered("M-client", room, "client", "{}");
		wire.registered("M-peer", other, "peer", "{}");
		wire.registered("M-admin", other, "admin", "{}");
		client.send("{\"type\":\"peer_message\",\"from_peer_id\":\"M-client\",\"to_peer_id\":\"M-worker\","
				+ "\"payload\":{\"a\":1}}");
		worker.nextText();
		client.send("{\"type\":\"offer\",\"sender\":\"M-client\",\"target\":\"M-worker\",\"sdp\":\"v=0\"}");
		worker.nextText();
		client.send("{\"type\":\"offer\",\"sender\":\"M-client\",\"target\":\"M-peer\",\"sdp\":\"v=0\"}");
		client.send(SignalingWire.register("M-client", room).put("role", "worker").toString());
		client.nextText();
		// The client's role is gone with its last peer; every role is counted.
		assertThat(metrics(wire)).isEqualTo("{\"active_rooms\":2,\"active_connections\":4,"
				+ "\"peers_by_role\":{\"worker\":2,\"peer\":1,\"admin\":1},\"total_connections\":5,"
				+ "\"total_messages\":2,\"rooms_created\":2}");
		worker.close(1000);
		client.close(1000);
		await().untilAsserted(() -> assertThat(metrics(wire)).isEqualTo("{\"active_rooms\":1,\"active_connections\":2,"
				+ "\"peers_by_role\":{\"peer\":1,\"admin\":1},\"total_connections\":5,\"total_messages\":2,"
				+ "\"rooms_created\":2}"));
		TestWebSocket late = wire.registered("M-late", room, "client", "{}");
		assertThat(metrics(wire)).contains("\"peers_by_role\":{\"peer\":1,\"admin\":1,\"client\":1}");
		late.close(1000);
		String scrape = wire.get("/actuator/prometheus").body();
		assertThat(scrape).contains("junction_signaling_dropped_total 1.0")
			.contains("junction_groups_active{kind=\"signaling_rooms\"} 1.0");
		JsonNode health = SignalingWire.json.readTree(wire.get("/health").body());
		assertThat(health.get("status").stringValue()).isEqualTo("healthy");
	}

	@Test
	void metricsShouldStartWithTheServersUtcTimeToTheMicrosecond() {
		String body = new SignalingWire(this.port).get("/metrics").body();
		assertThat(body)
			.matches("\\{\"timestamp\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\",\"active_rooms\":.*");
		String timestamp = body.substring("{\"timestamp\":\"".length(), body.indexOf("\","));
		LocalDateTime sent = LocalDateTime.parse(timestamp);
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
		assertThat(sent).isBetween(now.minusMinutes(1), now);
	}

	/**
	 * The body without its leading {@code timestamp}, which the other test checks.
	 */
	private static String metrics(SignalingWire wire) {
		String body = wire.get("/metrics").body();
		assertThat(body).startsWith("{\"timestamp\":\"");
		return "{" + body.substring(body.indexOf("\",\"") + 2);
	}

}
