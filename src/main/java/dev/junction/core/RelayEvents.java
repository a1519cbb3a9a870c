package dev.junction.core;

/**
 * What happens on a node that operators count: connections, frames, refusals and limit
 * hits. One implementation records them as meters; the default records nothing. Every tag
 * value is a low-cardinality name (a protocol, a close code, a reason), never an id.
 */
public interface RelayEvents {

	/** Records nothing. */
	RelayEvents NONE = new RelayEvents() {
	};

	/**
	 * A connection was opened.
	 * @param protocol the protocol
	 */
	default void opened(String protocol) {
	}

	/**
	 * A connection ended.
	 * @param protocol the protocol
	 * @param code the close code
	 */
	default void closed(String protocol, int code) {
	}

	/**
	 * A frame arrived from a client.
	 * @param protocol the protocol
	 * @param kind text or binary
	 * @param bytes its payload size
	 */
	default void received(String protocol, Frame.Kind kind, int bytes) {
	}

	/**
	 * A frame was handed to the network for a client.
	 * @param protocol the protocol
	 * @param kind text, binary or ping
	 * @param bytes its payload size
	 * @param queuedNanos how long it waited since it was created
	 */
	default void sent(String protocol, Frame.Kind kind, int bytes, long queuedNanos) {
	}

	/**
	 * An upgrade was refused before it happened.
	 * @param reason why, such as {@code missing_token} or {@code origin}
	 */
	default void refused(String reason) {
	}

	/**
	 * An upgrade was refused for its token.
	 * @param reason the refusal reason, such as {@code token expired}
	 */
	default void authenticationRefused(String reason) {
	}

	/**
	 * A limit closed a connection or refused a request.
	 * @param limit which, such as {@code slow_consumer} or {@code inbound_rate}
	 */
	default void limitHit(String limit) {
	}

}
