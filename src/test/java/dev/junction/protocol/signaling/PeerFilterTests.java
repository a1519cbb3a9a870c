package dev.junction.protocol.signaling;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code discover_peers} filter semantics of docs/signaling.md, without a server.
 */
class PeerFilterTests {

	private static final JsonMapper json = JsonMapper.builder()
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private static final String WORKER = "{\"tags\":[\"sleap-rtc\",\"training-worker\"],"
			+ "\"properties\":{\"gpu_memory_mb\":16384,\"status\":\"available\",\"ratio\":1,\"name\":\"b\","
			+ "\"none\":null,\"spec\":{\"cuda\":[12,1]},\"flag\":true}}";

	@Test
	void absentOrEmptyFiltersShouldMatchEveryone() {
		assertThat(matches("{}", "peer", "{}")).isTrue();
		assertThat(matches("{\"room_id\":\"x\",\"other\":1}", "worker", WORKER)).isTrue();
	}

	@Test
	void roleShouldEqualTheStoredRole() {
		assertThat(matches("{\"role\":\"worker\"}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"role\":\"client\"}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"role\":5}", "worker", WORKER)).isFalse();
	}

	@Test
	void tagsShouldMatchWhenThePeerHasAtLeastOne() {
		assertThat(matches("{\"tags\":[\"nope\",\"sleap-rtc\"]}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"tags\":[\"nope\"]}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"tags\":[]}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"tags\":[\"sleap-rtc\"]}", "worker", "{}")).isFalse();
		assertThat(matches("{\"tags\":[\"sleap-rtc\"]}", "worker", "{\"tags\":\"sleap-rtc\"}")).isFalse();
	}

	@Test
	void tagsShouldCompareByValueWhateverTheirNumber() {
		assertThat(matches("{\"tags\":[1.0,{\"b\":2,\"a\":1}]}", "worker", "{\"tags\":[{\"a\":1,\"b\":2.0}]}"))
			.isTrue();
		assertThat(matches("{\"tags\":[null]}", "worker", "{\"tags\":[null]}")).isTrue();
		assertThat(matches("{\"tags\":[\"1\"]}", "worker", "{\"tags\":[1]}")).isFalse();
		StringBuilder many = new StringBuilder("{\"tags\":[");
		for (int i = 0; i < 60_000; i++) {
			many.append("\"wanted-").append(i).append("\",");
		}
		String wanted = many.append("\"training-worker\"]}").toString();
		assertThat(matches(wanted, "worker", WORKER)).isTrue();
		assertThat(matches(wanted.replace("training-worker", "other"), "worker", WORKER)).isFalse();
	}

	@Test
	void plainPropertyValuesShouldCompareByValue() {
		assertThat(matches("{\"properties\":{\"status\":\"available\"}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"status\":\"busy\"}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"ratio\":1.0}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"gpu_memory_mb\":16384.00}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"ratio\":\"1\"}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"spec\":{\"cuda\":[12,1.0]}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"spec\":{\"cuda\":[12]}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"flag\":true}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"flag\":1}}", "worker", WORKER)).isFalse();
	}

	@Test
	void nullShouldMatchAMissingOrNullProperty() {
		assertThat(matches("{\"properties\":{\"missing\":null}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"none\":null}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"status\":null}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"missing\":null}}", "worker", "{}")).isTrue();
		assertThat(matches("{\"properties\":{\"missing\":\"x\"}}", "worker", "{}")).isFalse();
	}

	@Test
	void orderingOperatorsShouldCompareNumbersWithNumbersAndStringsWithStrings() {
		assertThat(matches("{\"properties\":{\"gpu_memory_mb\":{\"$gte\":8192}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"gpu_memory_mb\":{\"$gte\":16384.0}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"gpu_memory_mb\":{\"$gt\":16384}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"gpu_memory_mb\":{\"$lt\":20000,\"$gt\":1}}}", "worker", WORKER))
			.isTrue();
		assertThat(matches("{\"properties\":{\"gpu_memory_mb\":{\"$lte\":16383}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"name\":{\"$gt\":\"a\",\"$lte\":\"b\"}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"name\":{\"$gt\":1}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"gpu_memory_mb\":{\"$gt\":\"1\"}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"missing\":{\"$lt\":1}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"none\":{\"$gte\":0}}}", "worker", WORKER)).isFalse();
	}

	@Test
	void equalityOperatorsShouldFollowPlainEquality() {
		assertThat(matches("{\"properties\":{\"ratio\":{\"$eq\":1.0}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"ratio\":{\"$ne\":1.0}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"status\":{\"$ne\":\"busy\"}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"missing\":{\"$ne\":\"busy\"}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"missing\":{\"$eq\":null}}}", "worker", WORKER)).isTrue();
	}

	@Test
	void inShouldMatchAnyListedValue() {
		assertThat(matches("{\"properties\":{\"status\":{\"$in\":[\"busy\",\"available\"]}}}", "worker", WORKER))
			.isTrue();
		assertThat(matches("{\"properties\":{\"ratio\":{\"$in\":[2,1.0]}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"status\":{\"$in\":[\"busy\"]}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"status\":{\"$in\":\"available\"}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"missing\":{\"$in\":[null]}}}", "worker", WORKER)).isTrue();
	}

	@Test
	void existsShouldTellPresentFromMissing() {
		assertThat(matches("{\"properties\":{\"status\":{\"$exists\":true}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"missing\":{\"$exists\":true}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"missing\":{\"$exists\":false}}}", "worker", WORKER)).isTrue();
		assertThat(matches("{\"properties\":{\"status\":{\"$exists\":false}}}", "worker", WORKER)).isFalse();
		assertThat(matches("{\"properties\":{\"missing\":{\"$exists\":false}}}", "worker", "{}")).isTrue();
	}

	@Test
	void filtersShouldBeAnded() {
		String filters = "{\"role\":\"worker\",\"tags\":[\"sleap-rtc\"],"
				+ "\"properties\":{\"status\":\"available\",\"gpu_memory_mb\":{\"$gte\":8192}}}";
		assertThat(matches(filters, "worker", WORKER)).isTrue();
		assertThat(matches(filters, "client", WORKER)).isFalse();
	}

	@Test
	void unknownOperatorShouldBeRefusedBeforeMatching() {
		assertThatThrownBy(() -> PeerFilter.parse(object("{\"properties\":{\"a\":{\"$xyz\":1}}}")))
			.isInstanceOf(PeerFilter.UnknownOperatorException.class)
			.hasMessage("$xyz");
		assertThatThrownBy(() -> PeerFilter.parse(object("{\"properties\":{\"a\":{\"$gte\":1,\"plain\":2}}}")))
			.isInstanceOf(PeerFilter.UnknownOperatorException.class)
			.hasMessage("plain");
	}

	private static boolean matches(String filters, String role, String metadata) {
		return PeerFilter.parse(object(filters)).matches(role, object(metadata));
	}

	private static ObjectNode object(String text) {
		return (ObjectNode) json.readTree(text);
	}

}
