package dev.junction.protocol.signaling;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The merge of {@code update_metadata}: {@code tags} are unioned (existing order first,
 * new ones appended), {@code properties} are merged key by key, other keys are replaced,
 * and keys not sent are kept.
 */
final class MetadataMerge {

	private MetadataMerge() {
	}

	/**
	 * Merge an update into stored metadata.
	 * @param stored the stored metadata, changed in place
	 * @param update what the client sent
	 * @return the stored metadata
	 */
	static ObjectNode merge(ObjectNode stored, ObjectNode update) {
		return merge(stored, update, JsonValues::key);
	}

	/**
	 * Merge, computing each tag's identity with the given function, once per tag.
	 * @param stored the stored metadata, changed in place
	 * @param update what the client sent
	 * @param keys a tag's {@link JsonValues#key key}
	 * @return the stored metadata
	 */
	static ObjectNode merge(ObjectNode stored, ObjectNode update, Function<JsonNode, String> keys) {
		for (Map.Entry<String, JsonNode> entry : update.properties()) {
			String key = entry.getKey();
			JsonNode value = entry.getValue();
			JsonNode current = stored.get(key);
			if ("tags".equals(key) && value.isArray() && current != null && current.isArray()) {
				union((ArrayNode) current, value, keys);
			}
			else if ("properties".equals(key) && value.isObject() && current != null && current.isObject()) {
				((ObjectNode) current).setAll((ObjectNode) value);
			}
			else {
				stored.set(key, value);
			}
		}
		return stored;
	}

	/**
	 * Append the new tags that are not there yet, in their order: one pass over each list
	 * with a set of {@link JsonValues#key keys}, linear where a search of the list per
	 * new tag was quadratic.
	 */
	private static void union(ArrayNode tags, JsonNode added, Function<JsonNode, String> keys) {
		Set<String> seen = new HashSet<>();
		for (JsonNode existing : tags.values()) {
			seen.add(keys.apply(existing));
		}
		for (JsonNode tag : added.values()) {
			if (seen.add(keys.apply(tag))) {
				tags.add(tag);
			}
		}
	}

}
