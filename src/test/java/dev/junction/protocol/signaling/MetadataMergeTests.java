package dev.junction.protocol.signaling;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code update_metadata} merge rules of SIGNALING.md.
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

	private static String merge(String stored, String update) {
		return MetadataMerge.merge((ObjectNode) json.readTree(stored), (ObjectNode) json.readTree(update)).toString();
	}

}
