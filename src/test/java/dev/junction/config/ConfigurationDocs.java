package dev.junction.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the table of {@code docs/configuration.md} from Spring Boot's configuration
 * metadata (what {@code spring-boot-configuration-processor} writes from the properties
 * classes and their Javadoc), one row per {@code junction.*} key. The page's prose stays
 * hand-written; only the block between {@link #BEGIN} and {@link #END} is generated.
 * {@link ConfigurationDocsTests} checks the page against it; that test run with
 * {@code -Djunction.docs.write=true} rewrites it.
 */
final class ConfigurationDocs {

	static final Path PAGE = Path.of("docs", "configuration.md");

	static final String BEGIN = "<!-- BEGIN GENERATED: configuration table (ConfigurationDocsTests; do not edit by hand) -->";

	static final String END = "<!-- END GENERATED: configuration table -->";

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private ConfigurationDocs() {
	}

	/**
	 * Rewrites the generated block of {@code docs/configuration.md}.
	 * @throws IOException when the page cannot be read or written
	 */
	static void write() throws IOException {
		String page = Files.readString(PAGE);
		Files.writeString(PAGE, withTable(page, table(properties())));
	}

	/**
	 * Every {@code junction.*} property of the metadata on the classpath, by name.
	 * @return the properties, sorted by key
	 */
	static Map<String, JsonNode> properties() {
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, JsonNode> properties = new TreeMap<>();
		try {
			for (URL url : Collections.list(ConfigurationDocs.class.getClassLoader().getResources(METADATA))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : mapper.readTree(in).path("properties")) {
						String name = property.path("name").asString("");
						if (name.startsWith("junction.")) {
							properties.put(name, property);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	/**
	 * The generated block: a Markdown table with key, type, default and description.
	 * @param properties the properties by key
	 * @return the block, markers included
	 */
	static String table(Map<String, JsonNode> properties) {
		StringBuilder table = new StringBuilder();
		table.append(BEGIN).append('\n');
		table.append("| key | type | default | description |\n");
		table.append("|---|---|---|---|\n");
		properties.forEach((name, property) -> {
			table.append("| `").append(name).append("` | ");
			table.append('`').append(cell(type(property.path("type").asString("")))).append("` | ");
			table.append(defaultValue(property.path("defaultValue"))).append(" | ");
			table.append(cell(description(property))).append(" |\n");
		});
		table.append(END).append('\n');
		return table.toString();
	}

	/**
	 * The page with its generated block replaced.
	 * @param page the page as it is
	 * @param table the block to put in
	 * @return the page as it should be
	 */
	static String withTable(String page, String table) {
		int begin = page.indexOf(BEGIN);
		int end = page.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new IllegalStateException(
					PAGE + " has no generated block: add a line " + BEGIN + " and, below it, a line " + END);
		}
		int afterEnd = page.indexOf('\n', end);
		return page.substring(0, begin) + table + ((afterEnd < 0) ? "" : page.substring(afterEnd + 1));
	}

	/**
	 * A line diff of two texts, {@code -} for lines only in the first and {@code +} for
	 * lines only in the second.
	 * @param actual the text as it is
	 * @param expected the text as it should be
	 * @return the differing lines
	 */
	static String diff(String actual, String expected) {
		List<String> a = List.of(actual.split("\n", -1));
		List<String> b = List.of(expected.split("\n", -1));
		int[][] common = new int[a.size() + 1][b.size() + 1];
		for (int i = a.size() - 1; i >= 0; i--) {
			for (int j = b.size() - 1; j >= 0; j--) {
				common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		List<String> lines = new ArrayList<>();
		int i = 0;
		int j = 0;
		while (i < a.size() || j < b.size()) {
			if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
				i++;
				j++;
			}
			else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
				lines.add("- " + a.get(i++));
			}
			else {
				lines.add("+ " + b.get(j++));
			}
		}
		return String.join("\n", lines);
	}

	private static String type(String type) {
		// java.util.List<java.lang.String> -> List<String>; Outer$Inner -> Inner
		return type.replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replaceAll("\\b[A-Za-z0-9_]+\\$", "");
	}

	private static String defaultValue(JsonNode value) {
		if (value.isMissingNode() || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return items.isEmpty() ? "" : "`" + cell(String.join(",", items)) + "`";
		}
		return "`" + cell(value.asString()) + "`";
	}

	private static String description(JsonNode property) {
		String description = property.path("description").asString("");
		JsonNode deprecation = property.path("deprecation");
		if (!deprecation.isMissingNode()) {
			String replacement = deprecation.path("replacement").asString("");
			description = "Deprecated" + (replacement.isEmpty() ? "" : ", use `" + replacement + "`") + ". "
					+ description;
		}
		return description.replaceAll("\\{@(?:code|link|literal) ([^}]*)}", "`$1`").replaceAll("\\s+", " ").trim();
	}

	private static String cell(String text) {
		return text.replace("|", "\\|");
	}

}
