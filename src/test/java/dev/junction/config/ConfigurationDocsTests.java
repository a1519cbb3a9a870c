package dev.junction.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

	private static final Pattern KEY = Pattern.compile("(?<![\\w.-])junction\\.[a-z0-9<>.\\[\\]-]*[a-z0-9>\\]]");

	/** Names under junction. that are not settings: a logger, a meter, test switches. */
	private static final Set<String> NOT_SETTINGS = Set.of("junction.tunnel.stats", "junction.signaling.dropped",
			"junction.docs.write", "junction.fuzz.seed", "junction.fuzz.iterations");

	private static final List<String> PROTOCOLS = List.of("rooms", "pairs", "signaling", "tunnel", "topics");

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
	void settingsNamedInTheDocsShouldExist() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((page) -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		List<String> unknown = new ArrayList<>();
		for (Path page : pages) {
			Matcher key = KEY.matcher(Files.readString(page));
			while (key.find()) {
				String name = key.group();
				if (name.matches(".*\\.(jar|json|yaml|md)") || NOT_SETTINGS.contains(name)) {
					continue;
				}
				String plain = name.replaceAll("\\[[^\\]]*\\]", "");
				List<String> names = plain.contains("<p>")
						? PROTOCOLS.stream().map((protocol) -> plain.replace("<p>", protocol)).toList()
						: List.of(plain);
				if (!names.stream().allMatch(this::isSettingOrGroup)) {
					unknown.add(page + ": " + name);
				}
			}
		}
		assertThat(unknown).as("settings named in the docs that the configuration metadata does not have").isEmpty();
	}

	private boolean isSettingOrGroup(String name) {
		return this.properties.keySet()
			.stream()
			.anyMatch((key) -> key.equals(name) || key.startsWith(name + ".") || name.startsWith(key + "."));
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
