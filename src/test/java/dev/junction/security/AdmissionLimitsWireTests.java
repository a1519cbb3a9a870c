package dev.junction.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionRegistry;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every admission and abuse limit with a small configured value, each in a server of its
 * own so that one limit's state cannot leak into another's test.
 */
class AdmissionLimitsWireTests {

	String roomCode(String roomCreated) {
		return JsonMapper.builder().build().readTree(roomCreated).at("/payload/room_code").stringValue();
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=required",
					"junction.limits.failed-auth-per-minute-per-address=2" })
	class FailedAuthentications {

		@LocalServerPort
		int port;

		@Test
		void addressOverItsFailedAuthenticationsShouldBe429EvenWithAGoodToken() throws Exception {
			for (int i = 0; i < 2; i++) {
				try (RawWebSocket bad = RawWebSocket.upgrade(this.port, "/ws?token=bad")) {
					assertThat(bad.status()).isEqualTo(401);
				}
			}
			try (RawWebSocket good = RawWebSocket.upgrade(this.port, "/ws?token=" + TestTokens.token("a"))) {
				assertThat(good.status()).isEqualTo(429);
				assertThat(good.body()).isEqualTo("too many failed authentications");
			}
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "junction.limits.upgrades-per-second-per-address=3")
	class UpgradeRate {

		@LocalServerPort
		int port;

		@Test
		void addressOverItsUpgradeRateShouldBe429() throws Exception {
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/ws")) {
					statuses.add(client.status());
				}
			}
			assertThat(statuses).contains(101, 429);
			assertThat(statuses.stream().filter((status) -> status == 101).count()).isLessThan(10);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "junction.limits.max-connections-per-address=2")
	class ConnectionsPerAddress {

		@LocalServerPort
		int port;

		@Autowired
		ConnectionRegistry connections;

		@Test
		void addressOverItsConnectionCapShouldBe429() throws Exception {
			try (RawWebSocket first = RawWebSocket.upgrade(this.port, "/ws");
					RawWebSocket second = RawWebSocket.upgrade(this.port, "/ws")) {
				assertThat(first.status()).isEqualTo(101);
				assertThat(second.status()).isEqualTo(101);
				await().until(() -> this.connections.countByAddress("127.0.0.1") == 2);
				try (RawWebSocket third = RawWebSocket.upgrade(this.port, "/ws")) {
					assertThat(third.status()).isEqualTo(429);
				}
			}
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "junction.protocols.pairs.max-sessions=1")
	class SessionsPerNode {

		@LocalServerPort
		int port;

		@Test
		void pairsSessionOverTheNodeCapShouldBeClosed1013() {
			TestWebSocket first = TestWebSocket.connect(this.port, "/desktop/Cap1");
			first.nextText();
			TestWebSocket sameSession = TestWebSocket.connect(this.port, "/mobile/Cap1");
			sameSession.nextText();
			TestWebSocket other = TestWebSocket.connect(this.port, "/desktop/Cap2");
			assertThat(other.awaitClose()).isEqualTo(new TestWebSocket.Closed(1013, "try again later"));
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "junction.limits.max-connections=2")
	class ConnectionsPerNode {

		@LocalServerPort
		int port;

		@Autowired
		ConnectionRegistry connections;

		@Test
		void fullNodeShouldBe503WithRetryAfter() throws Exception {
			try (RawWebSocket first = RawWebSocket.upgrade(this.port, "/ws");
					RawWebSocket second = RawWebSocket.upgrade(this.port, "/desktop/Full1")) {
				assertThat(first.status()).isEqualTo(101);
				assertThat(second.status()).isEqualTo(101);
				await().until(() -> this.connections.size() == 2);
				try (RawWebSocket third = RawWebSocket.upgrade(this.port, "/ws")) {
					assertThat(third.status()).isEqualTo(503);
					assertThat(third.header("Retry-After")).isEqualTo("5");
				}
			}
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "junction.limits.inbound-messages-per-second=20", "junction.protocols.rooms.max-members=2",
					"junction.protocols.rooms.max-rooms=2" })
	class PerConnectionAndRoomLimits {

		@LocalServerPort
		int port;

		@Autowired
		ConnectionRegistry connections;

		@Test
		void floodOverTheInboundRateShouldClose1008AndSpareOthers() {
			TestWebSocket alice = TestWebSocket.connect(this.port, "/ws");
			alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a\"}}");
			String code = roomCode(alice.nextText());
			TestWebSocket bob = TestWebSocket.connect(this.port, "/ws");
			bob.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\",\"user_id\":\"b\"}}");
			bob.nextText();
			alice.nextText();
			Set<Connection> before = new HashSet<>(this.connections.all());
			TestWebSocket flooder = TestWebSocket.connect(this.port, "/ws");
			await().until(() -> this.connections.size() == before.size() + 1);
			Connection flooderOnServer = this.connections.all()
				.stream()
				.filter((connection) -> !before.contains(connection))
				.findFirst()
				.orElseThrow();
			for (int i = 0; i < 200 && !flooder.isClosed(); i++) {
				try {
					flooder.send("{\"type\":\"noise\"}");
				}
				catch (RuntimeException ex) {
					break;
				}
			}
			// The flooder may see the TCP reset before the close frame; the server's
			// reason is what counts.
			flooder.awaitClose();
			assertThat(flooderOnServer.closeReason()).isEqualTo(CloseReason.RATE_LIMITED);
			alice.send("{\"type\":\"still\"}");
			assertThat(bob.nextText()).startsWith("{\"type\":\"still\"");
		}

		@Test
		void fullRoomAndFullNodeShouldAnswerErrors() {
			TestWebSocket host = TestWebSocket.connect(this.port, "/ws");
			host.send("{\"type\":\"create_room\",\"payload\":{}}");
			String code = roomCode(host.nextText());
			TestWebSocket second = TestWebSocket.connect(this.port, "/ws");
			second.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\"}}");
			assertThat(second.nextText()).startsWith("{\"type\":\"room_joined\"");
			TestWebSocket third = TestWebSocket.connect(this.port, "/ws");
			third.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\"}}");
			assertThat(third.nextText())
				.isEqualTo("{\"type\":\"error\",\"payload\":{\"error\":\"Room is full\",\"code\":\"ROOM_FULL\"}}");
			third.send("{\"type\":\"create_room\",\"payload\":{}}");
			String created = third.nextText();
			if (created.startsWith("{\"type\":\"room_created\"")) {
				TestWebSocket fourth = TestWebSocket.connect(this.port, "/ws");
				fourth.send("{\"type\":\"create_room\",\"payload\":{}}");
				created = fourth.nextText();
			}
			assertThat(created)
				.isEqualTo("{\"type\":\"error\",\"payload\":{\"error\":\"Too many rooms\",\"code\":\"ROOM_LIMIT\"}}");
		}

	}

}
