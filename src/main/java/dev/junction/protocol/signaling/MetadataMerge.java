package dev.junction.protocol.signaling;

import java.util.Map;

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
		for (Map.Entry<String, JsonNode> entry : update.properties()) {
			String key = entry.getKey();
			JsonNode value = entry.getValue();
			JsonNode current = stored.get(key);
			if ("tags".equals(key) && value.isArray() && current != null && current.isArray()) {
				ArrayNode tags = (ArrayNode) current;
				for (JsonNode tag : value.values()) {
					if (!contains(tags, tag)) {
						tags.add(tag);
					}
				}
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

	private static boolean contains(ArrayNode tags, JsonNode tag) {
		for (JsonNode existing : tags.values()) {
			if (JsonValues.equal(existing, tag)) {
				return true;
			}
		}
		return false;
	}

}
