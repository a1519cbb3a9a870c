package dev.junction.protocol.pairs;

import java.time.Clock;
import java.util.function.Consumer;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.protocol.SerialLane;
import dev.junction.security.VerifiedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One pairs socket: answers {@code ping}, relays every other JSON value across the pair,
 * and drops what is not JSON. Frames and the close go through a {@link SerialLane}: while
 * the socket joins its session, or asks the cluster whether anybody is there to receive,
 * later frames wait behind it, so replies and relayed messages keep their order.
 */
final class PairsConnection implements ConnectionHandler {

	/** Frames that may wait behind the cluster before the client is shed. */
	static final int MAX_HELD_FRAMES = 1024;

	/** Bytes that may wait behind the cluster before the client is shed. */
	static final long MAX_HELD_BYTES = 32L * 1024 * 1024;

	private static final Log logger = LogFactory.getLog(PairsConnection.class);

	private final SerialLane lane = new SerialLane(MAX_HELD_FRAMES, MAX_HELD_BYTES, this::crashed);

	private final Consumer<Frame> handler = this::handle;

	private final Connection connection;

	private final ClientType type;

	private final PairRegistry sessions;

	private final PairsEncoder encoder;

	private final ObjectMapper mapper;

	private final long maxMessageSize;

	private final Clock clock;

	private @Nullable PairSession session;

	PairsConnection(Connection connection, ClientType type, PairsProtocol protocol) {
		this.connection = connection;
		this.type = type;
		this.sessions = protocol.sessions();
		this.encoder = protocol.encoder();
		this.mapper = protocol.mapper();
		this.maxMessageSize = protocol.options().maxMessageSize();
		this.clock = protocol.clock();
	}

	/**
	 * Join the session; frames that arrive meanwhile wait. A party the session's owner
	 * does not admit is closed 1008.
	 */
	void attach(String id, @Nullable VerifiedToken token) {
		this.lane
			.run(() -> this.sessions.attach(id, this.type, this.connection, token)
				.doOnNext((joined) -> this.session = joined)
				.switchIfEmpty(Mono.fromRunnable(() -> this.connection.close(CloseReason.NOT_AUTHORIZED)))
				.onErrorResume(this::failed))
			.subscribe();
	}

	@Override
	public void onFrame(Frame frame) {
		if (!this.lane.offer(frame, this.handler)) {
			logger.info("Closing " + this.connection + ": too many frames waiting for the cluster");
			this.connection.abort(CloseReason.RATE_LIMITED);
		}
	}

	private void handle(Frame frame) {
		PairSession current = this.session;
		if (current == null) {
			return;
		}
		this.sessions.touch(current);
		if (!frame.isText()) {
			return;
		}
		if (frame.size() > this.maxMessageSize) {
			this.connection.send(this.encoder.error(PairsErrors.messageTooLarge(frame.size(), this.maxMessageSize),
					this.clock.millis()));
			return;
		}
		JsonNode value;
		try {
			value = this.mapper.readTree(frame.bytes());
		}
		catch (JacksonException ex) {
			return;
		}
		if (value == null || value.isNull() || value.isMissingNode()) {
			return;
		}
		JsonNode messageType = value.isObject() ? value.get("type") : null;
		if (messageType != null && messageType.isString() && "ping".equals(messageType.stringValue())) {
			this.connection.send(this.encoder.event("pong", this.clock.millis()));
			return;
		}
		this.lane.await(this.sessions.route(current, this.type, this.connection, this.encoder.forward(value))
			.onErrorResume(this::failed));
	}

	/**
	 * Leave once every step before the close has answered, so that a join still under way
	 * when the client went leaves nothing behind.
	 */
	@Override
	public void onClose(int code) {
		this.lane.run(() -> {
			PairSession current = this.session;
			if (current == null) {
				return Mono.empty();
			}
			this.session = null;
			return this.sessions.detach(current, this.type, this.connection).onErrorResume(this::failed);
		}).subscribe();
	}

	private void crashed(RuntimeException ex) {
		// What the network layer does for a frame handled at once that throws.
		logger.error("Handler failed on " + this.connection + "; closing it", ex);
		this.connection.abort(CloseReason.INTERNAL_ERROR);
	}

	private <T> Mono<T> failed(Throwable error) {
		// The cluster refused (a backplane down, say): the client cannot be served.
		logger.warn(this.connection + " failed: " + error.getMessage());
		this.connection.close(CloseReason.INTERNAL_ERROR);
		return Mono.empty();
	}

}
