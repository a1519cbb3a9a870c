package dev.junction.protocol.pairs;

import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One pairs socket: answers {@code ping}, relays every other JSON value across the pair,
 * and drops what is not JSON.
 */
final class PairsConnection implements ConnectionHandler {

	private final Connection connection;

	private final ClientType type;

	private final PairSession session;

	private final PairRegistry sessions;

	private final PairsEncoder encoder;

	private final ObjectMapper mapper;

	private final long maxMessageSize;

	private final java.time.Clock clock;

	PairsConnection(Connection connection, ClientType type, PairSession session, PairsProtocol protocol) {
		this.connection = connection;
		this.type = type;
		this.session = session;
		this.sessions = protocol.sessions();
		this.encoder = protocol.encoder();
		this.mapper = protocol.mapper();
		this.maxMessageSize = protocol.options().maxMessageSize();
		this.clock = protocol.clock();
	}

	@Override
	public void onFrame(Frame frame) {
		this.sessions.touch(this.session);
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
		this.sessions.route(this.session, this.type, this.connection, this.encoder.forward(value));
	}

	@Override
	public void onClose(int code) {
		this.sessions.detach(this.session, this.type, this.connection);
	}

}
