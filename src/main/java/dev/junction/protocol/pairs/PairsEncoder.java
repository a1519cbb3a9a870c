package dev.junction.protocol.pairs;

import dev.junction.core.Frame;
import dev.junction.core.ReplyError;
import tools.jackson.databind.ObjectMapper;

/**
 * Encodes what the server sends to pairs clients, compact and in the contract's key
 * order.
 */
final class PairsEncoder {

	private final ObjectMapper mapper;

	PairsEncoder(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	Frame connected(ClientType type, String sessionId, long timestamp) {
		return encode(new Connected("connected", type.pathName(), sessionId, timestamp));
	}

	Frame event(String type, long timestamp) {
		return encode(new Event(type, timestamp));
	}

	Frame error(ReplyError error, long timestamp) {
		return encode(new ErrorMessage("error", error.message(), timestamp));
	}

	Frame forward(Object value) {
		return Frame.text(this.mapper.writeValueAsBytes(value));
	}

	private Frame encode(Object message) {
		return Frame.text(this.mapper.writeValueAsBytes(message));
	}

	record Connected(String type, String clientType, String sessionId, long timestamp) {
	}

	record Event(String type, long timestamp) {
	}

	record ErrorMessage(String type, String error, long timestamp) {
	}

}
