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
 * itself is only located and checked (it must be well-formed UTF-8), never rebuilt, so
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
				boolean falsy = isFalsy(parser, value);
				parser.skipChildren();
				token = parser.nextToken();
				int end = valueEnd(utf8, start, (int) parser.currentTokenLocation().getByteOffset());
				fields.dataStart = start;
				fields.dataEnd = end;
				// The empty string is the only string written in two bytes: "".
				fields.dataFalsy = falsy || (value == JsonToken.VALUE_STRING && end - start == 2);
				continue;
			}
			if ("type".equals(name)) {
				fields.type = text(parser, value);
			}
			else if ("topic".equals(name)) {
				fields.topic = text(parser, value);
			}
			else if ("peerId".equals(name)) {
				fields.peerId = text(parser, value);
			}
			else {
				parser.skipChildren();
			}
			token = parser.nextToken();
		}
		return fields;
	}

	/**
	 * A string value, or {@code null} for any other value (which is skipped).
	 */
	private static @Nullable String text(JsonParser parser, JsonToken value) {
		if (value != JsonToken.VALUE_STRING) {
			parser.skipChildren();
			return null;
		}
		return parser.getString();
	}

	/**
	 * JavaScript's falsy values among the tokens that are judged without decoding a
	 * string: {@code null}, {@code false} and a number that parses to zero (as
	 * {@code 1e-400} does). Objects and arrays, even empty ones, are truthy.
	 */
	private static boolean isFalsy(JsonParser parser, JsonToken value) {
		return switch (value) {
			case VALUE_NULL, VALUE_FALSE -> true;
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Double.parseDouble(parser.getString()) == 0.0;
			default -> false;
		};
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
				String chosen = (this.peerId != null && !this.peerId.isEmpty()) ? this.peerId : null;
				// Valid JSON may escape half a surrogate pair, which no UTF-8 reply can
				// carry.
				if (Utf8.hasUnpairedSurrogate(this.topic) || (chosen != null && Utf8.hasUnpairedSurrogate(chosen))) {
					return new Dropped(Reason.INVALID_JSON);
				}
				return new Join(this.topic, chosen);
			}
			if ("data".equals(this.type)) {
				if (this.dataStart < 0 || this.dataFalsy) {
					return new Dropped(Reason.FALSY_DATA);
				}
				if (!Utf8.isWellFormed(utf8, this.dataStart, this.dataEnd - this.dataStart)) {
					return new Dropped(Reason.INVALID_JSON);
				}
				return new Data(utf8, this.dataStart, this.dataEnd - this.dataStart);
			}
			return new Dropped(Reason.UNKNOWN_TYPE);
		}

	}

}
