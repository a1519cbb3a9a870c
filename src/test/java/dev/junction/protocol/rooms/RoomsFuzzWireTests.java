package dev.junction.protocol.rooms;

import java.nio.charset.StandardCharsets;

import dev.junction.support.FrameMutator;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated rooms frames through a real server: the fuzzed connection only ever gets
 * documented messages, and a room next to it is not disturbed. Fixed seed; change it (and
 * the count) for a longer run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RoomsFuzzWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void mutatedFramesShouldGetDocumentedRepliesAndDisturbNobody() {
		TestWebSocket alice = TestWebSocket.connect(this.port, "/ws");
		String code = RoomsWireTests.create(alice, "a", "Alice");
		TestWebSocket bob = TestWebSocket.connect(this.port, "/ws");
		RoomsWireTests.join(bob, code, "b", "Bob");
		alice.nextText();
		TestWebSocket fuzzer = TestWebSocket.connect(this.port, "/ws");
		FrameMutator mutator = new FrameMutator(20261125L);
		for (int i = 0; i < 500; i++) {
			String frame = mutator.next(RoomsDecoderFuzzTests.SEEDS);
			if (i % 7 == 0) {
				fuzzer.sendBinary(frame.getBytes(StandardCharsets.UTF_8));
			}
			else {
				fuzzer.send(frame);
			}
		}
		fuzzer.send("{\"type\":\"leave_room\",\"payload\":{}}");
		fuzzer.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"marker\"}}");
		while (true) {
			TestWebSocket.Message message = fuzzer.next();
			if (message.text() == null) {
				continue;
			}
			JsonNode reply = json.readTree(message.text());
			String type = reply.path("type").asString("");
			if ("room_created".equals(type) && fuzzer.pending() == 0) {
				break;
			}
			assertThat(type).isIn("room_created", "room_joined", "user_joined", "user_left", "error");
			if ("error".equals(type)) {
				assertThat(reply.at("/payload/error").asString("")).isIn("Invalid message format", "Room not found");
			}
		}
		fuzzer.assertOpen();
		alice.send("{\"type\":\"after\"}");
		assertThat(bob.nextText()).startsWith("{\"type\":\"after\"");
	}

}
