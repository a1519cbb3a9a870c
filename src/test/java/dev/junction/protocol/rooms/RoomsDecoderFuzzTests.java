package dev.junction.protocol.rooms;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.junction.support.FuzzInput;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing of the rooms decoder: random bytes and mutated valid messages never make it
 * throw, and whatever is not a JSON object is answered with {@code Invalid}. The seed is
 * fixed so CI is repeatable; a longer campaign:
 * {@code ./mvnw test -Dtest=RoomsDecoderFuzzTests -Djunction.fuzz.iterations=1000000 -Djunction.fuzz.seed=7}.
 */
class RoomsDecoderFuzzTests {

	static final List<String> SEEDS = List.of(
			"{\"type\":\"create_room\",\"payload\":{\"user_id\":\"u1\",\"display_name\":\"A\"}}",
			"{\"type\":\"join_room\",\"payload\":{\"room_code\":\"ABC234\",\"user_id\":\"u\",\"display_name\":\"B\"}}",
			"{\"type\":\"leave_room\",\"payload\":{}}", "{\"type\":\"weights_push\",\"round\":1,\"data\":[1,2,3]}");

	private final RoomsDecoder decoder = new RoomsDecoder(JsonMapper.builder().build());

	@Test
	void decoderShouldNeverThrowAndRefuseWhatIsNotAnObject() {
		for (byte[] frame : FuzzInput.frames(SEEDS, 20_000)) {
			RoomsMessage message = this.decoder.decode(frame);
			assertThat(message).isNotNull();
			String text = new String(frame, StandardCharsets.UTF_8).strip();
			if (!text.startsWith("{")) {
				assertThat(message).isInstanceOf(RoomsMessage.Invalid.class);
			}
		}
	}

}
