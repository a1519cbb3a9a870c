package dev.junction.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pairs and tunnel sessions belong to the subject of their first party: another subject
 * is refused (HTTP 403 at the upgrade, or the tunnel's in-band authentication error)
 * unless its token's {@code sid} names the session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.pairs.auth=required" })
class SessionOwnershipSecurityWireTests {

	private static final AtomicInteger ids = new AtomicInteger();

	@LocalServerPort
	int port;

	@Test
	void pairsDesktopOfAnotherSubjectShouldBe403AndLeaveTheOwnersDesktopAlone() throws Exception {
		String id = newPairsId();
		TestWebSocket owner = pairs("desktop", id, TestTokens.token("alice"));
		assertThat(owner.nextText()).startsWith("{\"type\":\"connected\"");
		try (RawWebSocket intruder = RawWebSocket.upgrade(this.port,
				"/desktop/" + id + "?token=" + TestTokens.token("mallory"))) {
			assertThat(intruder.status()).isEqualTo(403);
			assertThat(intruder.body()).isEqualTo("Not allowed to join this session");
		}
		owner.send("{\"type\":\"ping\"}");
		assertThat(owner.nextText()).startsWith("{\"type\":\"pong\"");
		owner.assertOpen();
		String metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(metrics).contains("junction_upgrades_refused_total{reason=\"session_belongs_to_another_subject\"}");
	}

	@Test
	void pairsDashboardOfAnotherSubjectShouldBe403SoItCannotReadTheMobile() throws Exception {
		String id = newPairsId();
		TestWebSocket mobile = pairs("mobile", id, TestTokens.token("alice"));
		assertThat(mobile.nextText()).startsWith("{\"type\":\"connected\"");
		for (String type : new String[] { "dashboard", "cli", "mobile" }) {
			try (RawWebSocket intruder = RawWebSocket.upgrade(this.port,
					"/" + type + "/" + id + "?token=" + TestTokens.token("mallory"))) {
				assertThat(intruder.status()).as(type).isEqualTo(403);
			}
		}
		try (RawWebSocket tokenWithoutSubject = RawWebSocket.upgrade(this.port,
				"/dashboard/" + id + "?token=" + TestTokens.builder(null).signWith(TestTokens.KEY).compact())) {
			assertThat(tokenWithoutSubject.status()).isEqualTo(403);
		}
		mobile.assertOpen();
	}

	@Test
	void pairsSameSubjectShouldStillReplaceItsOwnDesktop() {
		String id = newPairsId();
		TestWebSocket first = pairs("desktop", id, TestTokens.token("alice"));
		assertThat(first.nextText()).startsWith("{\"type\":\"connected\"");
		TestWebSocket second = pairs("desktop", id, TestTokens.token("alice"));
		assertThat(second.nextText()).startsWith("{\"type\":\"connected\"");
		assertThat(first.awaitClose()).isEqualTo(new TestWebSocket.Closed(1000, "New desktop connection"));
	}

	@Test
	void pairsTokenWhoseSidNamesTheSessionShouldJoinAnotherSubjectsSession() {
		String id = newPairsId();
		TestWebSocket desktop = pairs("desktop", id, TestTokens.token("alice"));
		assertThat(desktop.nextText()).startsWith("{\"type\":\"connected\"");
		TestWebSocket mobile = pairs("mobile", id, TestTokens.token("phone-of-bob", Map.of("sid", id)));
		assertThat(mobile.nextText()).startsWith("{\"type\":\"connected\"");
		assertThat(desktop.nextText()).startsWith("{\"type\":\"mobile_connected\"");
	}

	@Test
	void pairsOwnershipShouldEndWithTheSession() throws Exception {
		String id = newPairsId();
		TestWebSocket owner = pairs("desktop", id, TestTokens.token("alice"));
		assertThat(owner.nextText()).startsWith("{\"type\":\"connected\"");
		owner.close(1000);
		AtomicReference<RawWebSocket> successor = new AtomicReference<>();
		await().until(() -> {
			RawWebSocket next = RawWebSocket.upgrade(this.port, "/desktop/" + id + "?token=" + TestTokens.token("bob"));
			if (next.status() != 101) {
				next.close();
				return false;
			}
			successor.set(next);
			return true;
		});
		try (RawWebSocket bob = successor.get();
				RawWebSocket formerOwner = RawWebSocket.upgrade(this.port,
						"/mobile/" + id + "?token=" + TestTokens.token("alice"))) {
			assertThat(bob.readText()).startsWith("{\"type\":\"connected\"");
			assertThat(formerOwner.status()).isEqualTo(403);
		}
	}

	@Test
	void pairsSidNamingAnotherSessionShouldGetTheSameRefusalWhetherOrNotTheSessionIsLive() throws Exception {
		String live = newPairsId();
		TestWebSocket owner = pairs("desktop", live, TestTokens.token("alice"));
		assertThat(owner.nextText()).startsWith("{\"type\":\"connected\"");
		String elsewhere = TestTokens.token("mallory", Map.of("sid", "Somewhere1"));
		try (RawWebSocket toLive = RawWebSocket.upgrade(this.port, "/mobile/" + live + "?token=" + elsewhere);
				RawWebSocket toIdle = RawWebSocket.upgrade(this.port,
						"/mobile/" + newPairsId() + "?token=" + elsewhere)) {
			assertThat(toLive.status()).isEqualTo(401).isEqualTo(toIdle.status());
			assertThat(toLive.header("WWW-Authenticate")).isEqualTo(toIdle.header("WWW-Authenticate"))
				.contains("token not valid for this session");
			assertThat(toLive.body()).isEqualTo(toIdle.body());
		}
	}

	@Test
	void tunnelSecondPartyOfAnotherSubjectAtTheHandshakeShouldBe403AndTheOwnersPeerShouldStillPair() throws Exception {
		String id = newTunnelId();
		TestWebSocket first = tunnel(id, TestTokens.token("alice"));
		first.sendBinary(new byte[] { 1, 2, 3 });
		try (RawWebSocket intruder = RawWebSocket.upgrade(this.port,
				"/relay/" + id + "?token=" + TestTokens.token("mallory"))) {
			assertThat(intruder.status()).isEqualTo(403);
		}
		TestWebSocket second = tunnel(id, TestTokens.token("alice"));
		assertThat(second.nextBinary()).containsExactly(1, 2, 3);
		// A full session refuses another subject the same way, never with "session full".
		try (RawWebSocket third = RawWebSocket.upgrade(this.port,
				"/relay/" + id + "?token=" + TestTokens.token("mallory"))) {
			assertThat(third.status()).isEqualTo(403);
		}
	}

	@Test
	void tunnelSecondPartyOfAnotherSubjectInTheAuthFrameShouldGetTheAuthErrorAnd1008() {
		String id = newTunnelId();
		TestWebSocket first = tunnel(id, TestTokens.token("alice"));
		first.sendBinary(new byte[] { 7 });
		TestWebSocket intruder = TestWebSocket.connect(this.port, "/relay/" + id);
		intruder.send("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("mallory") + "\"}");
		assertThat(intruder.nextText()).isEqualTo("{\"type\":\"error\",\"message\":\"Authentication failed\"}");
		assertThat(intruder.awaitClose()).isEqualTo(new TestWebSocket.Closed(1008, "authentication failed"));
		TestWebSocket peer = TestWebSocket.connect(this.port, "/relay/" + id);
		peer.send("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("bob", Map.of("sid", id)) + "\"}");
		assertThat(peer.nextBinary()).containsExactly(7);
	}

	@Test
	void tunnelTokenWhoseSidNamesTheSessionShouldPairWithAnotherSubject() {
		String id = newTunnelId();
		TestWebSocket client = tunnel(id, TestTokens.token("alice"));
		client.sendBinary(new byte[] { 4 });
		TestWebSocket server = tunnel(id, TestTokens.token("worker-7", Map.of("sid", id)));
		assertThat(server.nextBinary()).containsExactly(4);
	}

	private TestWebSocket pairs(String type, String id, String token) {
		return TestWebSocket.connect(this.port, "/" + type + "/" + id + "?token=" + token);
	}

	private TestWebSocket tunnel(String id, String token) {
		return TestWebSocket.connect(this.port, "/relay/" + id + "?token=" + token);
	}

	static String newPairsId() {
		return "Own" + ids.incrementAndGet() + "x" + System.nanoTime();
	}

	static String newTunnelId() {
		return "own-" + ids.incrementAndGet() + "." + System.nanoTime();
	}

}
