package dev.junction.protocol.rooms;

import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed joins are limited per client address, so that room codes cannot be guessed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"junction.protocols.rooms.failed-join-limit=3", "junction.protocols.rooms.failed-join-period=1h" })
class RoomsFailedJoinWireTests {

	@LocalServerPort
	int port;

	@Test
	void joinsOverTheFailedJoinLimitShouldGetRoomNotFoundEvenForALiveRoom() {
		TestWebSocket alice = TestWebSocket.connect(this.port, "/ws");
		String code = RoomsWireTests.create(alice, "a", "Alice");
		TestWebSocket guesser = TestWebSocket.connect(this.port, "/ws");
		for (String guess : new String[] { "AAAAAA", "BBBBBB", "CCCCCC" }) {
			guesser.send(RoomsWireTests.joinMessage(guess, "g", "Guesser"));
			assertThat(guesser.nextText()).contains("ROOM_NOT_FOUND");
		}
		guesser.send(RoomsWireTests.joinMessage(code, "g", "Guesser"));
		assertThat(guesser.nextText())
			.isEqualTo("{\"type\":\"error\",\"payload\":{\"error\":\"Room not found\",\"code\":\"ROOM_NOT_FOUND\"}}");
		alice.send("{\"type\":\"chat\"}");
		guesser.assertOpen();
	}

}
