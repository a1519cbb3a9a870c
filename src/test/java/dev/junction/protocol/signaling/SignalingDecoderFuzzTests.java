package dev.junction.protocol.signaling;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.junction.support.FuzzInput;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing of the signaling decoder and the discovery filters: random bytes and mutated
 * valid messages never make them throw (an unknown operator is the one refusal), and
 * whatever is not a JSON object is {@code INVALID_JSON}. The seed is fixed so CI is
 * repeatable; a longer campaign:
 * {@code ./mvnw test -Dtest=SignalingDecoderFuzzTests -Djunction.fuzz.iterations=1000000 -Djunction.fuzz.seed=7}.
 */
class SignalingDecoderFuzzTests {

	static final List<String> SEEDS = List.of(
			"{\"type\":\"register\",\"peer_id\":\"W-1\",\"room_id\":\"1a2b3c4d\",\"token\":\"5e6f7a\","
					+ "\"id_token\":\"e.y.J\",\"role\":\"worker\",\"metadata\":{\"tags\":[\"a\"],\"properties\":{\"g\":1}}}",
			"{\"type\":\"discover_peers\",\"from_peer_id\":\"C-1\",\"filters\":{\"role\":\"worker\",\"tags\":[\"a\"],"
					+ "\"properties\":{\"g\":{\"$gte\":1,\"$in\":[1,2]},\"s\":\"x\",\"n\":null}}}",
			"{\"type\":\"peer_message\",\"from_peer_id\":\"C-1\",\"to_peer_id\":\"W-1\",\"payload\":{\"a\":1.50}}",
			"{\"type\":\"update_metadata\",\"peer_id\":\"W-1\",\"metadata\":{\"properties\":{\"s\":\"busy\"}}}",
			"{\"type\":\"offer\",\"sender\":\"C-1\",\"target\":\"W-1\",\"sdp\":\"v=0\"}",
			"{\"type\":\"mesh_connect\",\"from_peer_id\":\"C-1\",\"target_peer_id\":\"W-1\",\"offer\":{\"sdp\":\"v\"}}");

	private static final ObjectNode WORKER = (ObjectNode) JsonMapper.builder()
		.build()
		.readTree("{\"tags\":[\"a\"],\"properties\":{\"g\":1,\"s\":\"x\",\"l\":[1,{\"k\":null}]}}");

	private final SignalingDecoder decoder = new SignalingDecoder(JsonMapper.builder().build());

	@Test
	void decoderAndFiltersShouldNeverThrow() {
		for (byte[] frame : FuzzInput.frames(SEEDS, 20_000)) {
			SignalingMessage message = this.decoder.decode(frame);
			assertThat(message).isNotNull();
			String text = new String(frame, StandardCharsets.UTF_8).strip();
			if (!text.startsWith("{")) {
				assertThat(message).isEqualTo(new SignalingMessage.Refused(SignalingErrors.INVALID_JSON));
			}
			if (message instanceof SignalingMessage.DiscoverPeers discover) {
				try {
					PeerFilter.parse(discover.filters()).matches("worker", WORKER);
				}
				catch (PeerFilter.UnknownOperatorException ex) {
					assertThat(ex.operator()).isNotNull();
				}
			}
		}
	}

}
