package dev.junction.protocol.signaling;

import java.net.http.HttpResponse;

import dev.junction.support.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's cap on signaling rooms: once it holds
 * {@code junction.protocols.signaling.max-rooms} rooms, {@code /create-room} answers 503
 * with {@code Retry-After}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { SignalingWire.SECRET_PROPERTY, "junction.protocols.signaling.max-rooms=3" })
class SignalingRoomCapSecurityWireTests {

	@LocalServerPort
	int port;

	@Test
	void createRoomShouldBe503WhenTheNodeHoldsAllTheRoomsItMay() {
		SignalingWire wire = new SignalingWire(this.port);
		for (int i = 0; i < 3; i++) {
			assertThat(wire.post("/create-room", "Bearer " + TestTokens.token("cap-" + i), "").statusCode())
				.isEqualTo(200);
		}
		HttpResponse<String> full = wire.post("/create-room", "Bearer " + TestTokens.token("cap-4"), "");
		assertThat(full.statusCode()).isEqualTo(503);
		assertThat(full.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isPositive());
		assertThat(full.body()).isEqualTo("{\"detail\":\"Too many rooms on this server\"}");
	}

}
