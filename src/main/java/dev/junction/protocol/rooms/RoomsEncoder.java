package dev.junction.protocol.rooms;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.core.Frame;
import dev.junction.core.ReplyError;
import dev.junction.protocol.rooms.RoomsMessage.Member;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes what the server sends to rooms clients, compact and with keys in the order of
 * the wire contract. Each frame is encoded once, whatever the number of receivers.
 */
final class RoomsEncoder {

	private final ObjectMapper mapper;

	RoomsEncoder(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	Frame roomCreated(String roomCode) {
		return encode(new Message("room_created", new RoomCode(roomCode)));
	}

	Frame roomJoined(String roomCode, List<Map<String, String>> users) {
		return encode(new Message("room_joined", new RoomJoined(roomCode, users)));
	}

	Frame userJoined(Member member, List<Map<String, String>> users) {
		return encode(new Message("user_joined", new UserEvent(member.userId(), member.displayName(), users)));
	}

	Frame userLeft(Member member, List<Map<String, String>> users) {
		return encode(new Message("user_left", new UserEvent(member.userId(), member.displayName(), users)));
	}

	Frame error(ReplyError error) {
		return encode(new Message("error", new ErrorPayload(error.message(), error.code(), error.details())));
	}

	/**
	 * The forwarded form of a member's object: {@code sender_id} and {@code sender_name}
	 * set from the member (an absent value removes the key, so a client cannot forge it),
	 * everything else as sent.
	 */
	Frame relay(ObjectNode message, Member sender) {
		setOrRemove(message, "sender_id", sender.userId());
		setOrRemove(message, "sender_name", sender.displayName());
		return Frame.text(this.mapper.writeValueAsBytes(message));
	}

	private static void setOrRemove(ObjectNode message, String key, @Nullable String value) {
		if (value != null) {
			message.put(key, value);
		}
		else {
			message.remove(key);
		}
	}

	private Frame encode(Message message) {
		return Frame.text(this.mapper.writeValueAsBytes(message));
	}

	record Message(String type, Object payload) {
	}

	record RoomCode(@JsonProperty("room_code") String roomCode) {
	}

	record RoomJoined(@JsonProperty("room_code") String roomCode, List<Map<String, String>> users) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UserEvent(@JsonProperty("user_id") @Nullable String userId,
			@JsonProperty("display_name") @Nullable String displayName, List<Map<String, String>> users) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ErrorPayload(String error, @Nullable String code, @Nullable String details) {
	}

}
