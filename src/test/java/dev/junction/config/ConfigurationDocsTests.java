package dev.junction.config;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docs/configuration.md} lists every {@code junction.*} key exactly as the
 * configuration metadata describes it, so that the page cannot drift from the code. To
 * regenerate the page after changing a properties class:
 * {@code ./mvnw test -Dtest=ConfigurationDocsTests -Djunction.docs.write=true}.
 */
class ConfigurationDocsTests {

	private final Map<String, JsonNode> properties = ConfigurationDocs.properties();

	@Test
	void configurationPageShouldMatchTheMetadata() throws IOException {
		if (Boolean.getBoolean("junction.docs.write")) {
			ConfigurationDocs.write();
		}
		String page = Files.readString(ConfigurationDocs.PAGE);
		String expected = ConfigurationDocs.withTable(page, ConfigurationDocs.table(this.properties));
		if (!expected.equals(page)) {
			fail(ConfigurationDocs.PAGE + " does not match the configuration metadata; regenerate it with "
					+ "./mvnw test -Dtest=ConfigurationDocsTests -Djunction.docs.write=true. Differences (- on the "
					+ "page, + from the metadata):\n" + ConfigurationDocs.diff(page, expected));
		}
	}

	@Test
	void metadataShouldDescribeEveryProperty() {
		assertThat(this.properties).hasSizeGreaterThan(50);
		assertThat(this.properties).allSatisfy((name, property) -> assertThat(property.path("description").asString(""))
			.as("description of %s (Javadoc on its field)", name)
			.isNotBlank());
	}

	@Test
	void metadataShouldListEveryProtocolsSwitch() {
		assertThat(this.properties).containsKeys("junction.protocols.rooms.enabled", "junction.protocols.pairs.enabled",
				"junction.protocols.signaling.enabled", "junction.protocols.tunnel.enabled",
				"junction.protocols.topics.enabled");
	}

	@Test
	void tableShouldRenderTypesDefaultsAndCodeSpans() {
		JsonNode property = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree("{\"name\":\"junction.x.y\",\"type\":\"java.util.List<java.time.Duration>\","
					+ "\"defaultValue\":[\"1s\",\"2s\"],\"description\":\"Whether {@code /} | the\\n other.\"}");
		assertThat(ConfigurationDocs.table(Map.of("junction.x.y", property)))
			.contains("| `junction.x.y` | `List<Duration>` | `1s,2s` | Whether `/` \\| the other. |");
	}

	@Test
	void diffShouldShowOnlyTheChangedLines() {
		assertThat(ConfigurationDocs.diff("a\nb\nc", "a\nx\nc")).isEqualTo("- b\n+ x");
	}

}
