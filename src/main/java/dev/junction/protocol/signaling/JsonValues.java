package dev.junction.protocol.signaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Comparisons of JSON values as the filters need them: numbers by value ({@code 1} equals
 * {@code 1.0}), {@code null} equal to a missing value, containers structurally.
 */
final class JsonValues {

	/** What {@link #compare} answers for values that have no order. */
	static final int INCOMPARABLE = Integer.MIN_VALUE;

	private JsonValues() {
	}

	/**
	 * Whether two values are equal; {@code null} (Java or JSON) stands for missing.
	 */
	static boolean equal(@Nullable JsonNode left, @Nullable JsonNode right) {
		if (left == null || right == null || isAbsent(left) || isAbsent(right)) {
			return isAbsent(left) && isAbsent(right);
		}
		if (left.isNumber() && right.isNumber()) {
			return left.decimalValue().compareTo(right.decimalValue()) == 0;
		}
		if (left.isString() && right.isString()) {
			return left.stringValue().equals(right.stringValue());
		}
		if (left.isBoolean() && right.isBoolean()) {
			return left.booleanValue() == right.booleanValue();
		}
		if (left.isArray() && right.isArray()) {
			return left.size() == right.size() && elementsEqual(left, right);
		}
		if (left.isObject() && right.isObject()) {
			if (left.size() != right.size()) {
				return false;
			}
			for (Map.Entry<String, JsonNode> entry : left.properties()) {
				JsonNode other = right.get(entry.getKey());
				if (other == null || !equal(entry.getValue(), other)) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	/**
	 * Order two numbers or two strings.
	 * @return negative, zero or positive, or {@link #INCOMPARABLE} for a missing value or
	 * values of different types
	 */
	static int compare(@Nullable JsonNode actual, JsonNode operand) {
		if (actual == null) {
			return INCOMPARABLE;
		}
		if (actual.isNumber() && operand.isNumber()) {
			return Integer.signum(actual.decimalValue().compareTo(operand.decimalValue()));
		}
		if (actual.isString() && operand.isString()) {
			return Integer.signum(actual.stringValue().compareTo(operand.stringValue()));
		}
		return INCOMPARABLE;
	}

	/**
	 * A text that two values share exactly when they are {@link #equal}: numbers by
	 * value, objects whatever their key order, {@code null} as missing. Linear in the
	 * value's size (and n log n in the key count of each object), so a set of keys finds
	 * duplicates among n values in linear time where pairwise {@link #equal} takes n².
	 * @param value the value, or {@code null} for missing
	 * @return its key
	 */
	static String key(@Nullable JsonNode value) {
		StringBuilder key = new StringBuilder();
		appendKey(key, value);
		return key.toString();
	}

	private static void appendKey(StringBuilder key, @Nullable JsonNode value) {
		if (value == null || isAbsent(value)) {
			key.append('z');
		}
		else if (value.isNumber()) {
			String number = value.decimalValue().stripTrailingZeros().toString();
			key.append('n').append(number).append(';');
		}
		else if (value.isString()) {
			appendText(key.append('s'), value.stringValue());
		}
		else if (value.isBoolean()) {
			key.append(value.booleanValue() ? 't' : 'f');
		}
		else if (value.isArray()) {
			key.append('[');
			for (JsonNode element : value.values()) {
				appendKey(key, element);
			}
			key.append(']');
		}
		else if (value.isObject()) {
			List<String> names = new ArrayList<>(value.propertyNames());
			Collections.sort(names);
			key.append('{');
			for (String name : names) {
				appendText(key, name);
				appendKey(key, value.get(name));
			}
			key.append('}');
		}
		else {
			appendText(key.append('o'), value.toString());
		}
	}

	private static void appendText(StringBuilder key, String text) {
		key.append(text.length()).append(':').append(text);
	}

	private static boolean isAbsent(@Nullable JsonNode node) {
		return node == null || node.isNull() || node.isMissingNode();
	}

	private static boolean elementsEqual(JsonNode left, JsonNode right) {
		Iterator<JsonNode> others = right.values().iterator();
		for (JsonNode element : left.values()) {
			if (!equal(element, others.next())) {
				return false;
			}
		}
		return true;
	}

}
