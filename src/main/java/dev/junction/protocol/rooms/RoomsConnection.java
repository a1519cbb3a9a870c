package dev.junction.protocol.rooms;

import java.util.Locale;

import dev.junction.core.AddressLimiter;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.core.ReplyError;
import dev.junction.protocol.rooms.RoomsMessage.CreateRoom;
import dev.junction.protocol.rooms.RoomsMessage.Invalid;
import dev.junction.protocol.rooms.RoomsMessage.JoinRoom;
import dev.junction.protocol.rooms.RoomsMessage.LeaveRoom;
import dev.junction.protocol.rooms.RoomsMessage.Member;
import dev.junction.protocol.rooms.RoomsMessage.Relay;
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

	private @Nullable Room room;

	private @Nullable Member member;

	RoomsConnection(Connection connection, RoomRegistry rooms, RoomsDecoder decoder, RoomsEncoder encoder,
			AddressLimiter failedJoins) {
		this.connection = connection;
		this.rooms = rooms;
		this.decoder = decoder;
		this.encoder = encoder;
		this.failedJoins = failedJoins;
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
			leaveRoom(false);
			this.room = this.rooms.create(this.connection, create.member());
			this.member = create.member();
		}
		else if (message instanceof JoinRoom join) {
			joinRoom(join);
		}
		else if (message instanceof LeaveRoom) {
			leaveRoom(false);
		}
		else if (message instanceof Invalid invalid) {
			this.connection.send(this.encoder.error(ReplyError.invalidMessageFormat(invalid.details())));
		}
	}

	private void joinRoom(JoinRoom join) {
		String address = this.connection.remoteAddress();
		String code = join.roomCode().toUpperCase(Locale.ROOT);
		Room target = this.failedJoins.isExhausted(address) ? null : this.rooms.find(code);
		if (target != null && this.room != null && this.member != null) {
			this.rooms.leave(this.room, this.connection, this.member, false, this.room == target);
			this.room = null;
		}
		Room joined = (target != null) ? this.rooms.join(code, this.connection, join.member()) : null;
		if (joined == null) {
			this.failedJoins.record(address);
			this.connection.send(this.encoder.error(ReplyError.ROOM_NOT_FOUND));
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
