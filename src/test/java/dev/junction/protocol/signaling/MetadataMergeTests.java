package dev.junction.protocol.signaling;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code update_metadata} merge rules of docs/signaling.md.
 */
class MetadataMergeTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void propertiesOnlyUpdateShouldKeepTheTags() {
		assertThat(merge("{\"tags\":[\"a\"],\"properties\":{\"s\":1,\"t\":2}}", "{\"properties\":{\"s\":3}}"))
			.isEqualTo("{\"tags\":[\"a\"],\"properties\":{\"s\":3,\"t\":2}}");
	}

	@Test
	void tagsShouldBeUnionedInOrder() {
		assertThat(merge("{\"tags\":[\"a\",\"b\"]}", "{\"tags\":[\"c\",\"a\",\"c\"]}"))
			.isEqualTo("{\"tags\":[\"a\",\"b\",\"c\"]}");
		assertThat(merge("{}", "{\"tags\":[\"x\"]}")).isEqualTo("{\"tags\":[\"x\"]}");
	}

	@Test
	void otherKeysShouldBeReplaced() {
		assertThat(merge("{\"name\":{\"a\":1},\"keep\":true}", "{\"name\":{\"b\":2}}"))
			.isEqualTo("{\"name\":{\"b\":2},\"keep\":true}");
		assertThat(merge("{\"properties\":{\"a\":1}}", "{\"properties\":\"none\"}"))
			.isEqualTo("{\"properties\":\"none\"}");
	}

	@Test
	void tagsShouldCompareAsTheFiltersDo() {
		assertThat(merge("{\"tags\":[1,{\"a\":1,\"b\":[null]}]}",
				"{\"tags\":[1.0,{\"b\":[null],\"a\":1},\"1\",null,true]}"))
			.isEqualTo("{\"tags\":[1,{\"a\":1,\"b\":[null]},\"1\",null,true]}");
		assertThat(merge("{\"tags\":[[1,2]]}", "{\"tags\":[[2,1],[1,2],{\"a\":null},{}]}"))
			.isEqualTo("{\"tags\":[[1,2],[2,1],{\"a\":null},{}]}");
	}

	@Test
	void mergeOfManyTagsShouldLookAtEachTagOnce() {
		ObjectNode stored = json.createObjectNode();
		ObjectNode update = json.createObjectNode();
		for (int i = 0; i < 60_000; i++) {
			stored.withArray("tags").add("old-" + i);
			update.withArray("tags").add((i % 2 == 0) ? "old-" + i : "new-" + i);
		}
		AtomicLong keys = new AtomicLong();
		ObjectNode merged = MetadataMerge.merge(stored, update, (tag) -> {
			keys.incrementAndGet();
			return JsonValues.key(tag);
		});
		// One key per tag: linear, where comparing each new tag with the stored ones
		// made 60,000 × 60,000 comparisons.
		assertThat(keys.get()).isEqualTo(120_000);
		assertThat(merged.get("tags").size()).isEqualTo(90_000);
		assertThat(merged.get("tags").get(59_999).stringValue()).isEqualTo("old-59999");
		assertThat(merged.get("tags").get(60_000).stringValue()).isEqualTo("new-1");
		assertThat(merged.get("tags").get(89_999).stringValue()).isEqualTo("new-59999");
	}

	@Test
	void keysShouldBeEqualExactlyWhenValuesAre() {
		String[] values = { "1", "1.0", "1e0", "10", "1e1", "\"1\"", "null", "true", "false", "[]", "{}", "[1]",
				"[[1]]", "{\"a\":1}", "{\"a\":1.00}", "{\"b\":1}", "{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}", "\"a\"",
				"\"1:a\"", "[\"a\",\"b\"]", "[\"ab\"]", "[\"a\",\"\"]" };
		JsonMapper exact = JsonMapper.builder()
			.enable(tools.jackson.databind.cfg.JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(tools.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build();
		for (String left : values) {
			for (String right : values) {
				JsonNode a = exact.readTree(left);
				JsonNode b = exact.readTree(right);
				assertThat(JsonValues.key(a).equals(JsonValues.key(b))).as(left + " vs " + right)
					.isEqualTo(JsonValues.equal(a, b));
			}
		}
	}

	private static String merge(String stored, String update) {
		return MetadataMerge.merge((ObjectNode) json.readTree(stored), (ObjectNode) json.readTree(update)).toString();
	}

}
