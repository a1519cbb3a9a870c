package dev.junction.protocol.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import io.jsonwebtoken.security.Keys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signaling HTTP endpoints and the in-band tokens under their limits: rooms per
 * address and per subject, anonymous sign-ins per address, failed tokens (HTTP,
 * {@code register}'s {@code id_token}, the tunnel's {@code auth} frame) counted per
 * address and in the refusals meter, and wrong room tokens per address. Each test speaks
 * from an address of its own through a trusted proxy's {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { SignalingWire.SECRET_PROPERTY, "junction.protocols.signaling.anonymous-signin=true",
				"junction.security.trusted-proxies=127.0.0.1",
				"junction.protocols.signaling.create-rooms-per-minute-per-address=4",
				"junction.protocols.signaling.create-rooms-per-minute-per-subject=2",
				"junction.protocols.signaling.anonymous-signins-per-minute-per-address=2",
				"junction.protocols.signaling.failed-joins-per-minute-per-address=3",
				"junction.limits.failed-auth-per-minute-per-address=3" })
class HttpEndpointLimitsSecurityWireTests {

	private static final String BAD_TOKEN = TestTokens.builder("mallory")
		.signWith(Keys.hmacShaKeyFor(new byte[32]))
		.compact();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private final HttpClient http = HttpClient.newHttpClient();

	private SignalingWire wire;

	@BeforeEach
	void wire() {
		this.wire = new SignalingWire(this.port);
	}

	@Test
	void createRoomShouldBeLimitedPerSubjectWhateverTheAddress() {
		String token = "Bearer " + TestTokens.token("busy-subject");
		assertThat(post("/create-room", "198.51.100.1", token).statusCode()).isEqualTo(200);
		assertThat(post("/create-room", "198.51.100.1", token).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = post("/create-room", "198.51.100.2", token);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
		assertThat(refused.body()).isEqualTo("{\"detail\":\"Too many rooms created for this user\"}");
		assertThat(post("/create-room", "198.51.100.2", "Bearer " + TestTokens.token("other-subject")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void createRoomShouldBeLimitedPerAddressWhateverTheSubject() {
		for (int i = 0; i < 4; i++) {
			assertThat(post("/create-room", "198.51.100.3", "Bearer " + TestTokens.token("subject-" + i)).statusCode())
				.isEqualTo(200);
		}
		HttpResponse<String> refused = post("/create-room", "198.51.100.3", "Bearer " + TestTokens.token("fresh"));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.body()).isEqualTo("{\"detail\":\"Too many rooms created from this address\"}");
		assertThat(post("/create-room", "198.51.100.4", "Bearer " + TestTokens.token("fresh")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void anonymousSigninShouldBeLimitedPerAddress() {
		assertThat(post("/anonymous-signin", "198.51.100.5", null).statusCode()).isEqualTo(200);
		assertThat(post("/anonymous-signin", "198.51.100.5", null).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = post("/anonymous-signin", "198.51.100.5", null);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(post("/anonymous-signin", "198.51.100.6", null).statusCode()).isEqualTo(200);
	}

	@Test
	void failedCreateRoomTokensShouldBeCountedAndLockTheAddressOut() throws Exception {
		double before = refusals("invalid_signature");
		for (int i = 0; i < 3; i++) {
			assertThat(post("/create-room", "198.51.100.7", "Bearer " + BAD_TOKEN).statusCode()).isEqualTo(401);
		}
		assertThat(refusals("invalid_signature") - before).isEqualTo(3);
		HttpResponse<String> lockedOut = post("/create-room", "198.51.100.7", "Bearer " + TestTokens.token("late"));
		assertThat(lockedOut.statusCode()).isEqualTo(429);
		assertThat(lockedOut.body()).isEqualTo("{\"detail\":\"Too many failed authentications\"}");
		try (RawWebSocket upgrade = RawWebSocket.upgrade(this.port, "/signaling", "X-Forwarded-For: 198.51.100.7")) {
			assertThat(upgrade.status()).isEqualTo(429);
		}
	}

	@Test
	void failedRegisterTokensShouldBeCountedAndThenRefusedUnchecked() throws Exception {
		Room room = this.wire.createRoom();
		double before = refusals("invalid_signature");
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/signaling", "X-Forwarded-For: 198.51.100.8")) {
			assertThat(client.status()).isEqualTo(101);
			ObjectNode register = SignalingWire.register("in-band-1", room);
			register.put("id_token", BAD_TOKEN);
			for (int i = 0; i < 3; i++) {
				client.sendText(register.toString());
				assertThat(client.readText())
					.isEqualTo("{\"type\":\"error\",\"error\":\"Invalid token\",\"reason\":\"Invalid token\"}");
			}
			assertThat(refusals("invalid_signature") - before).isEqualTo(3);
			client.sendText(SignalingWire.register("in-band-1", room).toString());
			assertThat(client.readText())
				.isEqualTo("{\"type\":\"error\",\"error\":\"Invalid token\",\"reason\":\"Invalid token\"}");
		}
		try (RawWebSocket upgrade = RawWebSocket.upgrade(this.port, "/signaling", "X-Forwarded-For: 198.51.100.8")) {
			assertThat(upgrade.status()).isEqualTo(429);
		}
	}

	@Test
	void failedTunnelAuthFramesShouldBeCountedAndThenRefusedUnchecked() throws Exception {
		double before = refusals("invalid_signature");
		RawWebSocket[] sockets = new RawWebSocket[4];
		for (int i = 0; i < sockets.length; i++) {
			sockets[i] = RawWebSocket.upgrade(this.port, "/relay/locked-" + i, "X-Forwarded-For: 198.51.100.9");
			assertThat(sockets[i].status()).isEqualTo(101);
		}
		try {
			for (int i = 0; i < 3; i++) {
				sockets[i].sendText("{\"type\":\"auth\",\"token\":\"" + BAD_TOKEN + "\"}");
				assertThat(sockets[i].readText())
					.isEqualTo("{\"type\":\"error\",\"message\":\"Authentication failed\"}");
				assertThat(sockets[i].readUntilClose().closeCode()).isEqualTo(1008);
			}
			assertThat(refusals("invalid_signature") - before).isEqualTo(3);
			sockets[3].sendText("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("late") + "\"}");
			assertThat(sockets[3].readText()).isEqualTo("{\"type\":\"error\",\"message\":\"Authentication failed\"}");
			assertThat(sockets[3].readUntilClose().closeCode()).isEqualTo(1008);
		}
		finally {
			for (RawWebSocket socket : sockets) {
				socket.close();
			}
		}
	}

	@Test
	void wrongRoomTokensShouldLockRegistrationOutWithTheWrongTokenAnswer() throws Exception {
		Room room = this.wire.createRoom();
		String wrong = room.token().equals("000000") ? "000001" : "000000";
		try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/signaling", "X-Forwarded-For: 198.51.100.10")) {
			for (int i = 0; i < 3; i++) {
				client.sendText(SignalingWire.register("guesser", new Room(room.id(), wrong)).toString());
				assertThat(client.readText()).isEqualTo("{\"type\":\"error\",\"reason\":\"Invalid token\"}");
			}
			client.sendText(SignalingWire.register("guesser", room).toString());
			assertThat(client.readText()).isEqualTo("{\"type\":\"error\",\"reason\":\"Invalid token\"}");
			client.sendText(SignalingWire.register("guesser", new Room("00000000", wrong)).toString());
			assertThat(client.readText()).isEqualTo("{\"type\":\"error\",\"reason\":\"Invalid token\"}");
		}
		try (RawWebSocket other = RawWebSocket.upgrade(this.port, "/signaling", "X-Forwarded-For: 198.51.100.11")) {
			other.sendText(SignalingWire.register("rightful", room).toString());
			assertThat(other.readText()).startsWith("{\"type\":\"registered_auth\"");
		}
	}

	private double refusals(String reason) {
		Counter counter = this.meters.find("junction.auth.refusals").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<String> post(String path, String address, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("X-Forwarded-For", address);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
