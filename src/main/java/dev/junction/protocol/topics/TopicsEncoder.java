package dev.junction.protocol.topics;

import java.nio.charset.StandardCharsets;

import dev.junction.core.Frame;
import dev.junction.core.ReplyError;
import dev.junction.protocol.topics.TopicsMessage.Data;
import tools.jackson.databind.ObjectMapper;

/**
 * Encodes what the server sends to topics clients, compact and with keys in the order of
 * the wire contract. Each frame is encoded once, whatever the number of receivers.
 */
final class TopicsEncoder {

	/**
	 * The protocol's one reply error: a {@code join} without a topic. Its place is the
	 * list in {@link ReplyError}; it waits here, beside its only user, until that file is
	 * next changed.
	 */
	static final ReplyError TOPIC_REQUIRED = new ReplyError("Topic is required for join", null, null);

	private final ObjectMapper mapper;

	TopicsEncoder(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	Frame peerJoined(String peerId, String topic) {
		return encode(new PeerEvent("peer-joined", peerId, topic));
	}

	Frame peerLeft(String peerId, String topic) {
		return encode(new PeerEvent("peer-left", peerId, topic));
	}

	Frame error(ReplyError error) {
		return encode(new ErrorMessage("error", error.message()));
	}

	/**
	 * The head of every {@code data} message a peer sends, up to the value:
	 * {@code {"type":"data","peerId":"<id>","data":}}. Encoded once per join.
	 */
	byte[] dataHead(String peerId) {
		return ("{\"type\":\"data\",\"peerId\":" + this.mapper.writeValueAsString(peerId) + ",\"data\":")
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A forwarded {@code data} message: the sender's head, then the value's bytes exactly
	 * as the sender wrote them, then the closing brace.
	 */
	Frame data(byte[] head, Data data) {
		byte[] bytes = new byte[head.length + data.length() + 1];
		System.arraycopy(head, 0, bytes, 0, head.length);
		System.arraycopy(data.json(), data.offset(), bytes, head.length, data.length());
		bytes[bytes.length - 1] = '}';
		return Frame.text(bytes);
	}

	private Frame encode(Object message) {
		return Frame.text(this.mapper.writeValueAsBytes(message));
	}

	record PeerEvent(String type, String peerId, String topic) {
	}

	record ErrorMessage(String type, String payload) {
	}

}
