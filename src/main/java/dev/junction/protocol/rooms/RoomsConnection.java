package dev.junction.protocol.rooms;

import java.util.Locale;

import dev.junction.core.AddressLimiter;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.protocol.rooms.RoomsMessage.CreateRoom;
import dev.junction.protocol.rooms.RoomsMessage.Invalid;
import dev.junction.protocol.rooms.RoomsMessage.JoinRoom;
import dev.junction.protocol.rooms.RoomsMessage.LeaveRoom;
import dev.junction.protocol.rooms.RoomsMessage.Member;
import dev.junction.protocol.rooms.RoomsMessage.Relay;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;

/**
 * One rooms client: at most one room at a time, entered by {@code create_room} or
 * {@code join_room} (either leaves the previous room first) and left by
 * {@code leave_room} or by closing.
 */
final class RoomsConnection implements ConnectionHandler {

	private final Connection connection;

	private final RoomRegistry rooms;

	private final RoomsDecoder decoder;

	private final RoomsEncoder encoder;

	private final AddressLimiter failedJoins;

	private final RoomsOptions options;

	private final @Nullable VerifiedToken token;

	private @Nullable Room room;

	private @Nullable Member member;

	RoomsConnection(Connection connection, @Nullable VerifiedToken token, RoomsRelayProtocol protocol) {
		this.connection = connection;
		this.token = token;
		this.rooms = protocol.rooms();
		this.decoder = protocol.decoder();
		this.encoder = protocol.encoder();
		this.failedJoins = protocol.failedJoins();
		this.options = protocol.options();
	}

	@Override
	public void onFrame(Frame frame) {
		if (!frame.isText()) {
			if (this.room != null) {
				this.rooms.relay(this.room, this.connection, frame);
			}
			return;
		}
		RoomsMessage message = this.decoder.decode(frame.bytes());
		if (message instanceof Relay relay) {
			if (this.room != null && this.member != null) {
				this.rooms.relay(this.room, this.connection, this.encoder.relay(relay.message(), this.member));
			}
		}
		else if (message instanceof CreateRoom create) {
			createRoom(create);
		}
		else if (message instanceof JoinRoom join) {
			joinRoom(join);
		}
		else if (message instanceof LeaveRoom) {
			leaveRoom(false);
		}
		else if (message instanceof Invalid invalid) {
			this.connection.send(this.encoder.error(RoomsErrors.invalidMessageFormat(invalid.details())));
		}
	}

	private void createRoom(CreateRoom create) {
		if (this.token != null && this.token.claims().get("room") != null) {
			// A token bound to a room cannot open another one. A reply, not a close: the
			// deployed client reconnects and repeats itself after any close but 1000.
			this.connection.send(this.encoder.error(RoomsErrors.CREATE_WITH_ROOM_TOKEN));
			return;
		}
		if (this.rooms.size() >= this.options.maxRooms()) {
			this.connection.send(this.encoder.error(RoomsErrors.ROOM_LIMIT));
			return;
		}
		leaveRoom(false);
		this.room = this.rooms.create(this.connection, create.member());
		this.member = create.member();
	}

	private void joinRoom(JoinRoom join) {
		String address = this.connection.remoteAddress();
		String code = join.roomCode().toUpperCase(Locale.ROOT);
		if (this.token != null && !this.token.allows("room", code)) {
			this.connection.abort(CloseReason.NOT_AUTHORIZED);
			return;
		}
		if (this.room == null || !this.room.code.equals(code)) {
			if (this.rooms.memberCount(code) >= this.options.maxMembers()) {
				this.connection.send(this.encoder.error(RoomsErrors.ROOM_FULL));
				return;
			}
		}
		Room target = this.failedJoins.isExhausted(address) ? null : this.rooms.find(code);
		if (target != null && this.room != null && this.member != null) {
			this.rooms.leave(this.room, this.connection, this.member, false, this.room == target);
			this.room = null;
		}
		Room joined = (target != null) ? this.rooms.join(code, this.connection, join.member()) : null;
		if (joined == null) {
			this.failedJoins.record(address);
			this.connection.send(this.encoder.error(RoomsErrors.ROOM_NOT_FOUND));
			return;
		}
		this.room = joined;
		this.member = join.member();
	}

	private void leaveRoom(boolean abnormal) {
		if (this.room != null && this.member != null) {
			this.rooms.leave(this.room, this.connection, this.member, abnormal);
		}
		this.room = null;
		this.member = null;
	}

	@Override
	public void onClose(int code) {
		leaveRoom(!CloseReason.isClean(code));
	}

}
