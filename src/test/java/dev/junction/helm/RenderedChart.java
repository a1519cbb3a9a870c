package dev.junction.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents of one rendering of the chart in {@code helm/junction}, for the tests
 * that look at one kind of object at a time.
 *
 * @param documents every non-empty document, in rendering order
 */
record RenderedChart(List<Map<String, Object>> documents) {

	static final Path CHART = Path.of("helm", "junction");

	static final Path EVERY_SETTING = Path.of("src", "test", "resources", "helm", "every-setting.yaml");

	static final String SECRET = "0123456789abcdef0123456789abcdef";

	/**
	 * A template command for release {@code junction} in namespace {@code relay}.
	 * @return the command, without values
	 */
	static TemplateCommand template() {
		return new Helm(CHART).template().withName("junction").withNamespace("relay");
	}

	/**
	 * A template command with an HMAC key, the least a release needs.
	 * @return the command
	 */
	static TemplateCommand keyed() {
		return template().set("auth.hmacSecret", SECRET);
	}

	static RenderedChart render(TemplateCommand command) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(command.call())) {
			if (document != null) {
				documents.add(asMap(document));
			}
		}
		return new RenderedChart(documents);
	}

	List<Map<String, Object>> all(String kind) {
		return this.documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
	}

	Map<String, Object> one(String kind) {
		List<Map<String, Object>> found = all(kind);
		assertThat(found).as(kind).hasSize(1);
		return found.get(0);
	}

	static Map<String, Object> map(Object root, String... keys) {
		Object current = root;
		for (String key : keys) {
			assertThat(current).as("parent of %s", key).isInstanceOf(Map.class);
			current = ((Map<?, ?>) current).get(key);
			assertThat(current).as(key).isNotNull();
		}
		return asMap(current);
	}

	static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		assertThat(value).as(key).isInstanceOf(List.class);
		return ((List<?>) value).stream().map(RenderedChart::asMap).toList();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

}
