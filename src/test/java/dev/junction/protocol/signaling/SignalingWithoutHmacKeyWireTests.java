package dev.junction.protocol.signaling;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;

import dev.junction.support.TestWebSocket;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signaling with RSA keys only: tokens still work, but anonymous sign-in has no HMAC key
 * to sign with and answers 503.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "junction.protocols.signaling.anonymous-signin=true")
class SignalingWithoutHmacKeyWireTests {

	private static final KeyPair keys = rsa();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void publicKey(DynamicPropertyRegistry registry) {
		registry.add("junction.auth.public-keys[0]", () -> "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----");
	}

	@Test
	void anonymousSigninShouldAnswer503WithoutAnHmacKey() {
		SignalingWire wire = new SignalingWire(this.port);
		var response = wire.post("/anonymous-signin", null, "");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body())
			.isEqualTo("{\"detail\":\"Anonymous sign-in needs Junction's HMAC key: set junction.auth.hmac-secret\"}");
	}

	@Test
	void rsaTokensShouldCreateRoomsAndRegister() {
		SignalingWire wire = new SignalingWire(this.port);
		var created = wire.post("/create-room", "Bearer " + token("u"), "");
		assertThat(created.statusCode()).isEqualTo(200);
		var room = SignalingWire.json.readTree(created.body());
		TestWebSocket client = wire.connect();
		client.send("{\"type\":\"register\",\"peer_id\":\"R-1\",\"room_id\":\"" + room.get("room_id").stringValue()
				+ "\",\"token\":\"" + room.get("token").stringValue() + "\",\"jwt\":\"" + token("R-1") + "\"}");
		assertThat(SignalingWire.read(client).get("type").stringValue()).isEqualTo("registered_auth");
	}

	private static String token(String subject) {
		return Jwts.builder()
			.subject(subject)
			.expiration(Date.from(java.time.Instant.now().plusSeconds(3600)))
			.signWith(keys.getPrivate())
			.compact();
	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
