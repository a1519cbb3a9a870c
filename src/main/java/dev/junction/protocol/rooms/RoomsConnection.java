package dev.junction.protocol.rooms;

import java.util.Locale;
import java.util.function.Consumer;

import dev.junction.core.AddressLimiter;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.protocol.SerialLane;
import dev.junction.protocol.rooms.RoomsMessage.CreateRoom;
import dev.junction.protocol.rooms.RoomsMessage.Invalid;
import dev.junction.protocol.rooms.RoomsMessage.JoinRoom;
import dev.junction.protocol.rooms.RoomsMessage.LeaveRoom;
import dev.junction.protocol.rooms.RoomsMessage.Member;
import dev.junction.protocol.rooms.RoomsMessage.Relay;
import dev.junction.security.VerifiedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One rooms client: at most one room at a time, entered by {@code create_room} or
 * {@code join_room} (either leaves the previous room first) and left by
 * {@code leave_room} or by closing. Frames and the close go through a {@link SerialLane}:
 * while a create, join or leave waits for the cluster, later frames wait behind it, and
 * the fields below are only touched by the lane's current step.
 */
final class RoomsConnection implements ConnectionHandler {

	/** Frames that may wait behind a create, join or leave before the client is shed. */
	static final int MAX_HELD_FRAMES = 1024;

	/** Bytes that may wait behind a create, join or leave before the client is shed. */
	static final long MAX_HELD_BYTES = 4L * 1024 * 1024;

	private static final Log logger = LogFactory.getLog(RoomsConnection.class);

	private final SerialLane lane = new SerialLane(MAX_HELD_FRAMES, MAX_HELD_BYTES, this::crashed);

	private final Consumer<Frame> handler = this::handle;

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
		// A drained client rejoins through another node at once: its user_left must be
		// on its way first, or it could reach the others after their user_joined there
		// and take the member off their lists.
		connection.beforeRestart(() -> this.lane.run(() -> leaveRoom(true)));
	}

	@Override
	public void onFrame(Frame frame) {
		if (!this.lane.offer(frame, this.handler)) {
			logger.info("Closing " + this.connection + ": too many frames waiting for a join");
			this.connection.abort(CloseReason.RATE_LIMITED);
		}
	}

	private void handle(Frame frame) {
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
			this.lane.await(leaveRoom(false));
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
		Member creator = create.member();
		this.lane.await(leaveRoom(false).then(Mono.defer(() -> this.rooms.create(this.connection, creator)))
			.doOnNext((created) -> {
				this.room = created;
				this.member = creator;
			})
			.onErrorResume(this::failed));
	}

	private void joinRoom(JoinRoom join) {
		String address = this.connection.remoteAddress();
		String code = join.roomCode().toUpperCase(Locale.ROOT);
		if (this.token != null && !this.token.allows("room", code)) {
			this.connection.abort(CloseReason.NOT_AUTHORIZED);
			return;
		}
		boolean elsewhere = this.room == null || !this.room.code.equals(code);
		Mono<Integer> count = elsewhere ? this.rooms.members(code) : Mono.just(0);
		Mono<Room> joined = count.flatMap((present) -> {
			if (present >= this.options.maxMembers()) {
				this.connection.send(this.encoder.error(RoomsErrors.ROOM_FULL));
				return Mono.empty();
			}
			Mono<Room> target = this.failedJoins.isExhausted(address) ? Mono.empty() : this.rooms.lookup(code);
			return target.flatMap((found) -> enter(found, join.member())).switchIfEmpty(Mono.fromRunnable(() -> {
				this.failedJoins.record(address);
				this.connection.send(this.encoder.error(RoomsErrors.ROOM_NOT_FOUND));
			}));
		}).onErrorResume(this::failed);
		this.lane.await(joined);
	}

	private Mono<Room> enter(Room target, Member joining) {
		Mono<Void> left = Mono.empty();
		Room current = this.room;
		if (current != null && this.member != null) {
			left = this.rooms.leave(current, this.connection, this.member, false, current == target);
			this.room = null;
		}
		return left.then(this.rooms.join(target, this.connection, joining)).doOnNext((joined) -> {
			this.room = joined;
			this.member = joining;
		});
	}

	private Mono<Void> leaveRoom(boolean abnormal) {
		Room current = this.room;
		Member leaving = this.member;
		this.room = null;
		this.member = null;
		if (current == null || leaving == null) {
			return Mono.empty();
		}
		return this.rooms.leave(current, this.connection, leaving, abnormal).onErrorResume(this::failed);
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

	/**
	 * Leave once every step before the close has answered, so that a join still under way
	 * when the client went leaves no member behind.
	 */
	@Override
	public void onClose(int code) {
		this.lane.run(() -> leaveRoom(!CloseReason.isClean(code))).subscribe();
	}

}
