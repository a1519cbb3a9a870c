package dev.junction.protocol.topics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.junction.protocol.topics.TopicsMessage.Data;
import dev.junction.protocol.topics.TopicsMessage.Dropped;
import dev.junction.protocol.topics.TopicsMessage.Join;
import dev.junction.protocol.topics.TopicsMessage.MissingTopic;
import dev.junction.protocol.topics.TopicsMessage.Reason;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics decoder without a network: what {@code JSON.parse} and JavaScript's
 * truthiness made of each frame in the original relay.
 */
class TopicsDecoderTests {

	private final TopicsDecoder decoder = new TopicsDecoder(JsonMapper.builder().build());

	@Test
	void joinShouldCarryTopicAndPeerId() {
		assertThat(decode("{\"type\":\"join\",\"topic\":\"t\",\"peerId\":\"p\"}")).isEqualTo(new Join("t", "p"));
		assertThat(decode("{\"peerId\":\"p\",\"topic\":\"t\",\"type\":\"join\",\"extra\":[1,{\"a\":null}]}"))
			.isEqualTo(new Join("t", "p"));
	}

	@Test
	void joinWithoutUsablePeerIdShouldLeaveItToTheServer() {
		for (String peerId : new String[] { "", ",\"peerId\":\"\"", ",\"peerId\":null", ",\"peerId\":7",
				",\"peerId\":{\"a\":1}" }) {
			assertThat(decode("{\"type\":\"join\",\"topic\":\"t\"" + peerId + "}")).as(peerId)
				.isEqualTo(new Join("t", null));
		}
	}

	@Test
	void joinWithoutNonEmptyStringTopicShouldBeMissingTopic() {
		for (String topic : new String[] { "", ",\"topic\":\"\"", ",\"topic\":null", ",\"topic\":false", ",\"topic\":5",
				",\"topic\":[\"t\"]", ",\"topic\":\"t\",\"topic\":null" }) {
			assertThat(decode("{\"type\":\"join\"" + topic + "}")).as(topic).isInstanceOf(MissingTopic.class);
		}
	}

	@Test
	void repeatedKeysShouldKeepTheLastValueAsJsonParseDoes() {
		assertThat(decode("{\"type\":\"data\",\"type\":\"join\",\"topic\":\"a\",\"topic\":\"b\"}"))
			.isEqualTo(new Join("b", null));
		assertThat(value(decode("{\"type\":\"data\",\"data\":\"first\",\"data\":\"second\"}"))).isEqualTo("\"second\"");
		assertThat(decode("{\"type\":\"data\",\"data\":\"first\",\"data\":0}")).isEqualTo(dropped(Reason.FALSY_DATA));
	}

	@Test
	void dataShouldBeTheValueExactlyAsWritten() {
		String[] values = { "\"SGVsbG8=\"", "\"caf\\u00e9 \\\"q\\\" \\/ \u00e9\u4e2d\ud83d\ude00\"", "1.0", "1e2",
				"-0.5", "12345678901234567890123456789", "true", "[]", "{}", "[1,\"two\",{\"three\":[3.0]}]",
				"{\"nested\":{\"a\":[true,null,\"x\"]}}", "\"0\"", "\"false\"", "1e-2" };
		for (String value : values) {
			assertThat(value(decode("{\"type\":\"data\",\"data\":" + value + "}"))).isEqualTo(value);
			assertThat(value(decode("{\"data\":" + value + ",\"type\":\"data\"}"))).isEqualTo(value);
		}
	}

	@Test
	void whitespaceAroundTheValueShouldNotBePartOfIt() {
		assertThat(value(decode(" {\n\t\"type\" : \"data\" ,\r\n \"data\" :\t{ \"a\" : 1 } \n, \"x\":1 } ")))
			.isEqualTo("{ \"a\" : 1 }");
		assertThat(value(decode("{\"data\" : \"v\" \n}"))).isNull();
		assertThat(value(decode("{\"type\":\"data\",\"data\" : \"v\" \n}"))).isEqualTo("\"v\"");
	}

	@Test
	void falsyOrMissingDataShouldBeDropped() {
		for (String value : new String[] { "null", "false", "0", "-0", "0.0", "0e5", "-0.0E-3", "\"\"", "1e-400" }) {
			assertThat(decode("{\"type\":\"data\",\"data\":" + value + "}")).as(value)
				.isEqualTo(dropped(Reason.FALSY_DATA));
		}
		assertThat(decode("{\"type\":\"data\"}")).isEqualTo(dropped(Reason.FALSY_DATA));
		assertThat(value(decode("{\"type\":\"data\",\"data\":1e400}"))).isEqualTo("1e400");
	}

	@Test
	void invalidJsonShouldBeDroppedAsInvalid() {
		for (String frame : new String[] { "", " ", "not json", "{\"type\":", "{\"type\":\"data\",\"data\":\"x\"",
				"{\"type\":\"data\",\"data\":\"x\"} trailing", "{\"a\":1}{\"b\":2}", "{'type':'join'}",
				"{\"type\":\"data\",\"data\":NaN}", "{\"type\":\"data\",\"data\":01}", "[1,]" }) {
			assertThat(decode(frame)).as(frame).isEqualTo(dropped(Reason.INVALID_JSON));
		}
	}

	@Test
	void invalidUtf8InTheForwardedValueShouldBeDroppedAsInvalid() {
		byte[] head = "{\"type\":\"data\",\"data\":[\"".getBytes(StandardCharsets.UTF_8);
		byte[] frame = Arrays.copyOf(head, head.length + 5);
		byte[] tail = { (byte) 0xC3, (byte) 0x28, '"', ']', '}' };
		System.arraycopy(tail, 0, frame, head.length, tail.length);
		assertThat(this.decoder.decode(frame)).isEqualTo(dropped(Reason.INVALID_JSON));
	}

	@Test
	void encodedSurrogateInTheForwardedValueShouldBeDroppedAsInvalid() {
		byte[] head = "{\"type\":\"data\",\"data\":\"".getBytes(StandardCharsets.UTF_8);
		byte[] frame = Arrays.copyOf(head, head.length + 5);
		byte[] tail = { (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}' };
		System.arraycopy(tail, 0, frame, head.length, tail.length);
		assertThat(this.decoder.decode(frame)).isEqualTo(dropped(Reason.INVALID_JSON));
	}

	@Test
	void escapedHalfSurrogateShouldBeForwardedInDataButRefusedInTopicOrPeerId() {
		assertThat(value(decode("{\"type\":\"data\",\"data\":\"\\ud800\"}"))).isEqualTo("\"\\ud800\"");
		assertThat(decode("{\"type\":\"join\",\"topic\":\"t\\ud800\"}")).isEqualTo(dropped(Reason.INVALID_JSON));
		assertThat(decode("{\"type\":\"join\",\"topic\":\"t\",\"peerId\":\"\\udc00p\"}"))
			.isEqualTo(dropped(Reason.INVALID_JSON));
		assertThat(decode("{\"type\":\"join\",\"topic\":\"\\ud83d\\ude00\"}"))
			.isEqualTo(new Join("\ud83d\ude00", null));
	}

	@Test
	void otherJsonShouldBeDroppedAsUnknownType() {
		for (String frame : new String[] { "null", "42", "\"join\"", "[{\"type\":\"join\",\"topic\":\"t\"}]", "{}",
				"{\"type\":\"ping\"}", "{\"type\":\"JOIN\",\"topic\":\"t\"}", "{\"type\":[\"join\"],\"topic\":\"t\"}",
				"{\"type\":null}", "{\"type\":\"peer-joined\",\"peerId\":\"p\",\"topic\":\"t\"}" }) {
			assertThat(decode(frame)).as(frame).isEqualTo(dropped(Reason.UNKNOWN_TYPE));
		}
	}

	private TopicsMessage decode(String frame) {
		return this.decoder.decode(frame.getBytes(StandardCharsets.UTF_8));
	}

	private static @Nullable String value(TopicsMessage message) {
		if (!(message instanceof Data data)) {
			return null;
		}
		return new String(data.json(), data.offset(), data.length(), StandardCharsets.UTF_8);
	}

	private static Dropped dropped(Reason reason) {
		return new Dropped(reason);
	}

}
