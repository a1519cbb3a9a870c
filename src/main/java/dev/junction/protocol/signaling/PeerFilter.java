package dev.junction.protocol.signaling;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code filters} of {@code discover_peers}: {@code role}, {@code tags} (at least one
 * in common) and {@code properties} (equality or operators), ANDed. Unknown filter keys
 * are ignored. Matching never fails: a missing property or a value of another type simply
 * does not match.
 */
final class PeerFilter {

	private static final Set<String> OPERATORS = Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$exists");

	private final @Nullable JsonNode role;

	/** The {@link JsonValues#key keys} of the wanted tags. */
	private final @Nullable Set<String> tags;

	private final @Nullable ObjectNode properties;

	private PeerFilter(@Nullable JsonNode role, @Nullable Set<String> tags, @Nullable ObjectNode properties) {
		this.role = role;
		this.tags = tags;
		this.properties = properties;
	}

	/**
	 * Read filters.
	 * @param filters the {@code filters} object
	 * @return the filter
	 * @throws UnknownOperatorException for an operator that is not known
	 */
	static PeerFilter parse(ObjectNode filters) {
		JsonNode role = present(filters.get("role"));
		JsonNode tagsNode = present(filters.get("tags"));
		Set<String> tags = null;
		if (tagsNode != null) {
			tags = new HashSet<>();
			if (tagsNode.isArray()) {
				for (JsonNode tag : tagsNode.values()) {
					tags.add(JsonValues.key(tag));
				}
			}
			else {
				tags.add(JsonValues.key(tagsNode));
			}
		}
		JsonNode propertiesNode = present(filters.get("properties"));
		ObjectNode properties = (propertiesNode != null && propertiesNode.isObject()) ? (ObjectNode) propertiesNode
				: null;
		if (properties != null) {
			for (Map.Entry<String, JsonNode> entry : properties.properties()) {
				if (isOperatorObject(entry.getValue())) {
					for (String operator : entry.getValue().propertyNames()) {
						if (!OPERATORS.contains(operator)) {
							throw new UnknownOperatorException(operator);
						}
					}
				}
			}
		}
		return new PeerFilter(role, tags, properties);
	}

	/**
	 * Whether a peer matches.
	 * @param role the peer's role
	 * @param metadata the peer's metadata
	 * @return true when every filter matches
	 */
	boolean matches(String role, ObjectNode metadata) {
		if (this.role != null && !(this.role.isString() && this.role.stringValue().equals(role))) {
			return false;
		}
		if (this.tags != null && !hasAnyTag(metadata.get("tags"))) {
			return false;
		}
		if (this.properties != null) {
			JsonNode stored = metadata.get("properties");
			ObjectNode peerProperties = (stored != null && stored.isObject()) ? (ObjectNode) stored : null;
			for (Map.Entry<String, JsonNode> entry : this.properties.properties()) {
				JsonNode actual = (peerProperties != null) ? present(peerProperties.get(entry.getKey())) : null;
				boolean exists = peerProperties != null && peerProperties.has(entry.getKey());
				if (!matchesProperty(actual, exists, entry.getValue())) {
					return false;
				}
			}
		}
		return true;
	}

	private boolean hasAnyTag(@Nullable JsonNode peerTags) {
		if (peerTags == null || !peerTags.isArray() || this.tags == null) {
			return false;
		}
		// Linear in the peer's tags, whatever the number of wanted ones.
		for (JsonNode tag : peerTags.values()) {
			if (this.tags.contains(JsonValues.key(tag))) {
				return true;
			}
		}
		return false;
	}

	private static boolean matchesProperty(@Nullable JsonNode actual, boolean exists, JsonNode condition) {
		if (!isOperatorObject(condition)) {
			return JsonValues.equal(condition, actual);
		}
		for (Map.Entry<String, JsonNode> entry : condition.properties()) {
			if (!matchesOperator(entry.getKey(), entry.getValue(), actual, exists)) {
				return false;
			}
		}
		return true;
	}

	private static boolean matchesOperator(String operator, JsonNode operand, @Nullable JsonNode actual,
			boolean exists) {
		return switch (operator) {
			case "$eq" -> JsonValues.equal(operand, actual);
			case "$ne" -> !JsonValues.equal(operand, actual);
			case "$gt" -> JsonValues.compare(actual, operand) > 0;
			case "$gte" -> {
				int order = JsonValues.compare(actual, operand);
				yield order != JsonValues.INCOMPARABLE && order >= 0;
			}
			case "$lt" -> {
				int order = JsonValues.compare(actual, operand);
				yield order != JsonValues.INCOMPARABLE && order < 0;
			}
			case "$lte" -> {
				int order = JsonValues.compare(actual, operand);
				yield order != JsonValues.INCOMPARABLE && order <= 0;
			}
			case "$in" -> operand.isArray() && operand.values().stream().anyMatch((v) -> JsonValues.equal(v, actual));
			case "$exists" -> operand.isBoolean() && operand.booleanValue() == exists;
			default -> false;
		};
	}

	/**
	 * An object condition with at least one {@code $} key means operators; any other
	 * object (including {@code {}}) is a value compared structurally.
	 */
	private static boolean isOperatorObject(JsonNode condition) {
		return condition.isObject() && condition.propertyNames().stream().anyMatch((name) -> name.startsWith("$"));
	}

	private static @Nullable JsonNode present(@Nullable JsonNode node) {
		return (node == null || node.isNull() || node.isMissingNode()) ? null : node;
	}

	/**
	 * A filter operator that is not known.
	 */
	static final class UnknownOperatorException extends RuntimeException {

		private final String operator;

		UnknownOperatorException(String operator) {
			super(operator, null, false, false);
			this.operator = operator;
		}

		String operator() {
			return this.operator;
		}

	}

}
