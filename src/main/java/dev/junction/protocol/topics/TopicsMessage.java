package dev.junction.protocol.topics;

import org.jspecify.annotations.Nullable;

/**
 * A frame from a topics client, decoded once at the edge.
 */
sealed interface TopicsMessage {

	/**
	 * {@code join} with a non-empty topic.
	 *
	 * @param topic the topic
	 * @param peerId the non-empty {@code peerId} the client chose, or {@code null} when
	 * the server must generate one
	 */
	record Join(String topic, @Nullable String peerId) implements TopicsMessage {
	}

	/**
	 * {@code join} without a non-empty string {@code topic}: the one error reply.
	 */
	record MissingTopic() implements TopicsMessage {
	}

	/**
	 * {@code data} with a truthy value. The value is not copied or re-encoded: it is the
	 * slice of the received frame that holds the value's JSON, exactly as sent.
	 *
	 * @param json the whole received frame, UTF-8; never modified
	 * @param offset where the value starts
	 * @param length the value's length in bytes
	 */
	@SuppressWarnings("ArrayRecordComponent") // shared read-only, like Frame's bytes
	record Data(byte[] json, int offset, int length) implements TopicsMessage {
	}

	/**
	 * A frame dropped without reply.
	 *
	 * @param reason why, for the counters
	 */
	record Dropped(Reason reason) implements TopicsMessage {
	}

	/**
	 * Why a frame was dropped.
	 */
	enum Reason {

		/** Not JSON, or not one JSON value. */
		INVALID_JSON,

		/** JSON, but not an object whose {@code type} is {@code join} or {@code data}. */
		UNKNOWN_TYPE,

		/** {@code data} whose value JavaScript would call falsy, or without a value. */
		FALSY_DATA

	}

}
