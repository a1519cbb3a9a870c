package dev.junction.observability;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.junction.core.ConnectionRegistry;
import dev.junction.core.NodeCounters;
import dev.junction.protocol.rooms.RoomsRelayProtocol;
import dev.junction.support.FixedMembersProtocol;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin page's HTTP side: served on the management port and nowhere else, its node
 * document read from the meters, and the member lookup by code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@Import(FixedMembersProtocol.Registration.class)
class AdminPageWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	RoomsRelayProtocol rooms;

	@Autowired
	ConnectionRegistry connections;

	@Autowired
	NodeCounters counters;

	/**
	 * The tests count from a quiet node: every socket of an earlier test (each closes its
	 * own) is gone, with its room.
	 */
	@BeforeEach
	void awaitQuietNode() {
		await().until(() -> this.connections.size() == 0 && this.rooms.roomCount() == 0);
	}

	@Test
	void adminPageShouldBeServedOnTheManagementPort() throws Exception {
		HttpResponse<String> page = get(this.managementPort, "/admin");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValue("default-src 'self'; frame-ancestors 'none'");
		assertThat(page.body()).contains("<title>Junction admin</title>");
		for (String asset : new String[] { "/admin/admin.js", "/admin/admin.css" }) {
			assertThat(get(this.managementPort, asset).statusCode()).as(asset).isEqualTo(200);
		}
		// The actuator's own endpoints stay where they were.
		assertThat(get(this.managementPort, "/actuator/health/readiness").body()).contains("\"UP\"");
		assertThat(get(this.managementPort, "/actuator/prometheus").body()).contains("junction_connections_active");
	}

	@Test
	void adminPathsShouldBe404OnThePublicPort() throws Exception {
		for (String path : new String[] { "/admin", "/admin/node", "/admin/members?code=ABCDEF", "/admin/admin.js" }) {
			assertThat(get(this.port, path).statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void nodeShouldTellTheMetersNumbers() throws Exception {
		JsonNode before = node();
		assertThat(before.propertyNames()).containsExactly("status", "version", "uptime", "connections", "protocols",
				"groups", "refusals", "auth_refusals", "limit_hits", "slow_consumers", "outbound_queued_messages",
				"outbound_queued_bytes");
		assertThat(before.get("status").stringValue()).isEqualTo("healthy");
		assertThat(before.get("groups").propertyNames()).contains("rooms", "sessions", "topics", "signaling_rooms");
		TestWebSocket alice = TestWebSocket.connect(this.port, "/ws");
		try {
			create(alice);
			await().untilAsserted(() -> {
				JsonNode after = node();
				assertThat(after.get("connections").asLong()).isEqualTo(before.get("connections").asLong() + 1);
				assertThat(after.get("groups").get("rooms").asLong())
					.isEqualTo(before.get("groups").get("rooms").asLong() + 1);
				JsonNode rooms = protocol(after, "rooms");
				assertThat(rooms.propertyNames()).containsExactly("name", "connections", "opened", "frames_in",
						"frames_out", "bytes_in", "bytes_out");
				assertThat(rooms.get("connections").asLong())
					.isEqualTo(protocol(before, "rooms").get("connections").asLong() + 1);
				assertThat(rooms.get("frames_in").asLong())
					.isGreaterThan(protocol(before, "rooms").get("frames_in").asLong());
			});
		}
		finally {
			alice.close(1000);
		}
	}

	@Test
	void membersShouldListTheConnectionIdsOfARealRoomInAnyCase() throws Exception {
		TestWebSocket alice = TestWebSocket.connect(this.port, "/ws");
		TestWebSocket bob = TestWebSocket.connect(this.port, "/ws");
		try {
			String code = create(alice);
			bob.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\",\"user_id\":\"bob\"}}");
			assertThat(bob.nextText()).startsWith("{\"type\":\"room_joined\"");
			JsonNode found = members(code.toLowerCase(Locale.ROOT));
			assertThat(found.get("code").stringValue()).isEqualTo(code.toLowerCase(Locale.ROOT));
			assertThat(found.get("groups")).hasSize(1);
			JsonNode group = found.get("groups").get(0);
			assertThat(group.get("protocol").stringValue()).isEqualTo("rooms");
			List<String> ids = new ArrayList<>();
			group.get("members").forEach((id) -> ids.add(id.stringValue()));
			assertThat(ids).hasSize(2)
				.doesNotHaveDuplicates()
				.isEqualTo(this.rooms.members(code).block(Duration.ofSeconds(10)));
			// Ids only: the user ids the clients chose are not shown.
			assertThat(ids).doesNotContain("bob", "alice");
		}
		finally {
			alice.close(1000);
			bob.close(1000);
		}
	}

	@Test
	void membersShouldAskEveryRelayProtocol() throws Exception {
		JsonNode found = members(FixedMembersProtocol.CODE);
		assertThat(found.get("groups")).hasSize(1);
		assertThat(found.get("groups").get(0).get("protocol").stringValue()).isEqualTo(FixedMembersProtocol.NAME);
		List<String> ids = new ArrayList<>();
		found.get("groups").get(0).get("members").forEach((id) -> ids.add(id.stringValue()));
		assertThat(ids).isEqualTo(FixedMembersProtocol.MEMBERS);
	}

	@Test
	void membersOfAnUnknownCodeShouldBeNoGroups() throws Exception {
		assertThat(members("ZZZZZZ").get("groups")).isEmpty();
	}

	@Test
	void membersWithoutAUsableCodeShouldBe400() throws Exception {
		for (String query : new String[] { "", "?code=", "?code=%20%20", "?code=" + "A".repeat(257),
				"?code=AB%0ACD" }) {
			HttpResponse<String> response = get(this.managementPort, "/admin/members" + query);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(json.readTree(response.body()).get("error").stringValue()).contains("code must be");
		}
	}

	private String create(TestWebSocket client) {
		client.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"alice\"}}");
		return json.readTree(client.nextText()).get("payload").get("room_code").stringValue();
	}

	private JsonNode node() throws Exception {
		HttpResponse<String> response = get(this.managementPort, "/admin/node");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		return json.readTree(response.body());
	}

	private JsonNode members(String code) throws Exception {
		HttpResponse<String> response = get(this.managementPort,
				"/admin/members?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static JsonNode protocol(JsonNode node, String name) {
		for (JsonNode protocol : node.get("protocols")) {
			if (protocol.get("name").stringValue().equals(name)) {
				return protocol;
			}
		}
		throw new AssertionError("no protocol " + name + " in " + node);
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
