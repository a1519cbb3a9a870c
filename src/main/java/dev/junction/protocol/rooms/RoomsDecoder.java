package dev.junction.protocol.rooms;

import dev.junction.protocol.rooms.RoomsMessage.CreateRoom;
import dev.junction.protocol.rooms.RoomsMessage.Invalid;
import dev.junction.protocol.rooms.RoomsMessage.JoinRoom;
import dev.junction.protocol.rooms.RoomsMessage.LeaveRoom;
import dev.junction.protocol.rooms.RoomsMessage.Member;
import dev.junction.protocol.rooms.RoomsMessage.Relay;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a rooms text frame into a {@link RoomsMessage}. Never throws: whatever is not a
 * valid command or object becomes {@link Invalid} with the reason.
 */
final class RoomsDecoder {

	private final ObjectMapper mapper;

	RoomsDecoder(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	RoomsMessage decode(byte[] utf8) {
		JsonNode node;
		try {
			node = this.mapper.readTree(utf8);
		}
		catch (JacksonException ex) {
			return new Invalid("Message is not valid JSON");
		}
		if (node == null || !node.isObject()) {
			return new Invalid("Message must be a JSON object");
		}
		ObjectNode object = (ObjectNode) node;
		JsonNode type = object.get("type");
		String command = (type != null && type.isString()) ? type.stringValue() : "";
		return switch (command) {
			case "create_room" -> createRoom(object);
			case "join_room" -> joinRoom(object);
			case "leave_room" -> new LeaveRoom();
			default -> new Relay(object);
		};
	}

	private RoomsMessage createRoom(ObjectNode message) {
		JsonNode payload = message.get("payload");
		if (payload == null || !payload.isObject()) {
			return new Invalid("payload must be an object");
		}
		return member(payload, CreateRoom::new);
	}

	private RoomsMessage joinRoom(ObjectNode message) {
		JsonNode payload = message.get("payload");
		if (payload == null || !payload.isObject()) {
			return new Invalid("payload must be an object");
		}
		JsonNode code = payload.get("room_code");
		if (code == null || !code.isString()) {
			return new Invalid("room_code must be a string");
		}
		return member(payload, (member) -> new JoinRoom(code.stringValue(), member));
	}

	private RoomsMessage member(JsonNode payload, java.util.function.Function<Member, RoomsMessage> command) {
		JsonNode userId = payload.get("user_id");
		if (userId != null && !userId.isNull() && !userId.isString()) {
			return new Invalid("user_id must be a string");
		}
		JsonNode displayName = payload.get("display_name");
		if (displayName != null && !displayName.isNull() && !displayName.isString()) {
			return new Invalid("display_name must be a string");
		}
		return command.apply(new Member(text(userId), text(displayName)));
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

}
