package dev.junction.protocol.topics;

import dev.junction.protocol.topics.TopicsMessage.Data;
import dev.junction.protocol.topics.TopicsMessage.Dropped;
import dev.junction.protocol.topics.TopicsMessage.Join;
import dev.junction.protocol.topics.TopicsMessage.MissingTopic;
import dev.junction.protocol.topics.TopicsMessage.Reason;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns a topics frame (text or binary, both UTF-8 JSON) into a {@link TopicsMessage}.
 * Never throws. It reads the frame as the original relay's {@code JSON.parse} did: the
 * whole frame must be one JSON value, a repeated key keeps its last value, and
 * {@code data} is judged truthy or falsy as JavaScript would. The {@code data} value
 * itself is only located and checked (its strings must be valid UTF-8), never rebuilt, so
 * that it can be forwarded exactly as received.
 */
final class TopicsDecoder {

	private final ObjectMapper mapper;

	TopicsDecoder(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	TopicsMessage decode(byte[] utf8) {
		try (JsonParser parser = this.mapper.createParser(utf8)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return new Dropped(Reason.INVALID_JSON);
			}
			Fields fields = null;
			if (first == JsonToken.START_OBJECT) {
				fields = readObject(parser, utf8);
			}
			else {
				parser.skipChildren();
			}
			if (parser.nextToken() != null) {
				return new Dropped(Reason.INVALID_JSON);
			}
			return (fields != null) ? fields.toMessage(utf8) : new Dropped(Reason.UNKNOWN_TYPE);
		}
		catch (JacksonException ex) {
			return new Dropped(Reason.INVALID_JSON);
		}
	}

	private static Fields readObject(JsonParser parser, byte[] utf8) {
		Fields fields = new Fields();
		JsonToken token = parser.nextToken();
		while (token == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("data".equals(name)) {
				int start = (int) parser.currentTokenLocation().getByteOffset();
				fields.dataFalsy = isFalsy(parser, value);
				skipChecked(parser, value);
				token = parser.nextToken();
				fields.dataStart = start;
				fields.dataEnd = valueEnd(utf8, start, (int) parser.currentTokenLocation().getByteOffset());
				continue;
			}
			String text = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
			parser.skipChildren();
			if ("type".equals(name)) {
				fields.type = text;
			}
			else if ("topic".equals(name)) {
				fields.topic = text;
			}
			else if ("peerId".equals(name)) {
				fields.peerId = text;
			}
			token = parser.nextToken();
		}
		return fields;
	}

	/**
	 * JavaScript's falsy values among what JSON can hold: {@code null}, {@code false}, a
	 * number that parses to zero, and the empty string. Objects and arrays, even empty
	 * ones, are truthy.
	 */
	private static boolean isFalsy(JsonParser parser, JsonToken value) {
		return switch (value) {
			case VALUE_NULL, VALUE_FALSE -> true;
			case VALUE_STRING -> parser.getStringLength() == 0;
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Double.parseDouble(parser.getString()) == 0.0;
			default -> false;
		};
	}

	/**
	 * Move past a value, decoding every string in it so that invalid UTF-8 (possible in a
	 * binary frame) is refused instead of forwarded in a text frame.
	 */
	private static void skipChecked(JsonParser parser, JsonToken value) {
		if (!value.isStructStart()) {
			return;
		}
		int depth = 1;
		while (depth > 0) {
			JsonToken token = parser.nextToken();
			if (token.isStructStart()) {
				depth++;
			}
			else if (token.isStructEnd()) {
				depth--;
			}
			else if (token == JsonToken.VALUE_STRING) {
				parser.getStringLength();
			}
		}
	}

	/**
	 * Where a value ends, given where the next token starts: back over whitespace, the
	 * comma, and whitespace again (a JSON value never ends with either).
	 */
	static int valueEnd(byte[] utf8, int start, int next) {
		int end = skipWhitespaceBack(utf8, start, next);
		if (end > start && utf8[end - 1] == ',') {
			end = skipWhitespaceBack(utf8, start, end - 1);
		}
		return end;
	}

	private static int skipWhitespaceBack(byte[] utf8, int start, int end) {
		while (end > start && isWhitespace(utf8[end - 1])) {
			end--;
		}
		return end;
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r';
	}

	/**
	 * The keys of a message that matter, each holding the last value seen.
	 */
	private static final class Fields {

		@Nullable String type;

		@Nullable String topic;

		@Nullable String peerId;

		int dataStart = -1;

		int dataEnd = -1;

		boolean dataFalsy;

		TopicsMessage toMessage(byte[] utf8) {
			if ("join".equals(this.type)) {
				if (this.topic == null || this.topic.isEmpty()) {
					return new MissingTopic();
				}
				return new Join(this.topic, (this.peerId != null && !this.peerId.isEmpty()) ? this.peerId : null);
			}
			if ("data".equals(this.type)) {
				if (this.dataStart < 0 || this.dataFalsy) {
					return new Dropped(Reason.FALSY_DATA);
				}
				return new Data(utf8, this.dataStart, this.dataEnd - this.dataStart);
			}
			return new Dropped(Reason.UNKNOWN_TYPE);
		}

	}

}
