package dev.junction.protocol.rooms;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.junction.support.FrameMutator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the rooms decoder (jqwik): random bytes and mutated valid
 * messages never make it throw, and whatever is not a JSON object is answered with
 * {@code Invalid}. The seed is fixed so CI is repeatable; a longer campaign:
 * {@code ./mvnw test -Dtest=RoomsDecoderFuzzTests -Djqwik.tries.default=200000 -Djqwik.seeds.whenfixed=ALLOW}
 * with another seed in the annotation.
 */
class RoomsDecoderFuzzTests {

	static final List<String> SEEDS = List.of(
			"{\"type\":\"create_room\",\"payload\":{\"user_id\":\"u1\",\"display_name\":\"A\"}}",
			"{\"type\":\"join_room\",\"payload\":{\"room_code\":\"ABC234\",\"user_id\":\"u\",\"display_name\":\"B\"}}",
			"{\"type\":\"leave_room\",\"payload\":{}}", "{\"type\":\"weights_push\",\"round\":1,\"data\":[1,2,3]}");

	private final RoomsDecoder decoder = new RoomsDecoder(JsonMapper.builder().build());

	@Property(seed = "20261125", tries = 5000)
	void decoderShouldNeverThrowAndRefuseWhatIsNotAnObject(@ForAll("frames") byte[] frame) {
		RoomsMessage message = this.decoder.decode(frame);
		assertThat(message).isNotNull();
		String text = new String(frame, StandardCharsets.UTF_8).strip();
		if (!text.startsWith("{")) {
			assertThat(message).isInstanceOf(RoomsMessage.Invalid.class);
		}
	}

	@Provide
	Arbitrary<byte[]> frames() {
		Arbitrary<byte[]> mutated = Arbitraries.longs()
			.map((seed) -> new FrameMutator(seed).next(SEEDS).getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(256);
		return Arbitraries.frequencyOf(Tuple.of(4, mutated), Tuple.of(1, raw));
	}

}
