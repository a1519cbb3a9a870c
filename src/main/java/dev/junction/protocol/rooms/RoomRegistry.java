package dev.junction.protocol.rooms;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.cluster.Broker;
import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceMember;
import dev.junction.core.Connection;
import dev.junction.core.Envelope;
import dev.junction.core.Frame;
import dev.junction.protocol.rooms.RoomsMessage.Member;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The rooms of this node. Membership changes and deliveries of one room happen under the
 * room's monitor, so every member sees them in one order: a joiner gets
 * {@code room_joined} before any other frame of the room, and the others get
 * {@code user_joined} after it. Member lists come from {@link Presence}, deliveries go
 * through the {@link Broker}.
 */
final class RoomRegistry {

	static final String CHANNEL_PREFIX = "rooms:";

	static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	static final int CODE_LENGTH = 6;

	private static final Log logger = LogFactory.getLog(RoomRegistry.class);

	private final Map<String, Room> rooms = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private final Broker broker;

	private final Presence presence;

	private final RoomsEncoder encoder;

	private final AtomicLong live = new AtomicLong();

	private final Scheduler scheduler;

	private final Duration gracePeriod;

	RoomRegistry(Broker broker, Presence presence, RoomsEncoder encoder, Scheduler scheduler, Duration gracePeriod) {
		this.broker = broker;
		this.presence = presence;
		this.encoder = encoder;
		this.scheduler = scheduler;
		this.gracePeriod = gracePeriod;
	}

	/**
	 * Create a room with a fresh code and make the connection its first member.
	 */
	Room create(Connection connection, Member member) {
		Room room = reserveRoom();
		synchronized (room) {
			room.brokerSubscription = this.broker.subscribe(room.channel(), room.group::deliver);
			this.live.incrementAndGet();
			connection.send(this.encoder.roomCreated(room.code));
			addMember(room, connection, member);
			room.subscriptions.put(connection.id(), room.group.join(connection, null));
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Created room " + room.code);
		}
		return room;
	}

	/**
	 * Join a live room (or one kept for its grace period).
	 * @return the room, or {@code null} when no room has the code
	 */
	@Nullable Room join(String code, Connection connection, Member member) {
		Room room = this.rooms.get(code);
		if (room == null) {
			return null;
		}
		synchronized (room) {
			if (room.deleted) {
				return null;
			}
			if (room.graceTimer != null) {
				room.graceTimer.dispose();
				room.graceTimer = null;
			}
			List<Map<String, String>> users = addMember(room, connection, member);
			connection.send(this.encoder.roomJoined(room.code, users));
			Frame joined = this.encoder.userJoined(member, users);
			room.subscriptions.put(connection.id(), room.group.join(connection, null));
			this.broker.publish(room.channel(), new Envelope(connection.id(), null, joined));
		}
		return room;
	}

	/**
	 * Forward a member's frame to the other members.
	 */
	void relay(Room room, Connection sender, Frame frame) {
		synchronized (room) {
			this.broker.publish(room.channel(), new Envelope(sender.id(), null, frame));
		}
	}

	/**
	 * Remove a member. The last member out deletes the room at once, unless it left
	 * abnormally: then the room waits out the grace period for reconnecting clients.
	 */
	void leave(Room room, Connection connection, Member member, boolean abnormal) {
		leave(room, connection, member, abnormal, false);
	}

	/**
	 * Remove a member; with {@code rejoining} an emptied room is kept because the same
	 * connection joins it again at once.
	 */
	void leave(Room room, Connection connection, Member member, boolean abnormal, boolean rejoining) {
		synchronized (room) {
			Disposable subscription = room.subscriptions.remove(connection.id());
			if (subscription != null) {
				subscription.dispose();
			}
			if (!this.presence.remove(room.channel(), connection.id())) {
				return;
			}
			List<Map<String, String>> users = users(room);
			if (!users.isEmpty()) {
				this.broker.publish(room.channel(),
						new Envelope(connection.id(), null, this.encoder.userLeft(member, users)));
			}
			else if (rejoining) {
				return;
			}
			else if (abnormal && !this.gracePeriod.isZero()) {
				room.graceTimer = this.scheduler.schedule(() -> expire(room), this.gracePeriod.toMillis(),
						TimeUnit.MILLISECONDS);
			}
			else {
				delete(room);
			}
		}
	}

	@Nullable Room find(String code) {
		Room room = this.rooms.get(code);
		return (room != null && !room.deleted) ? room : null;
	}

	int memberCount(String code) {
		return this.presence.members(CHANNEL_PREFIX + code).size();
	}

	int size() {
		return this.rooms.size();
	}

	private List<Map<String, String>> addMember(Room room, Connection connection, Member member) {
		Map<String, String> info = new LinkedHashMap<>();
		if (member.userId() != null) {
			info.put("user_id", member.userId());
		}
		if (member.displayName() != null) {
			info.put("display_name", member.displayName());
		}
		this.presence.add(room.channel(), new PresenceMember(connection.id(), info));
		return users(room);
	}

	private List<Map<String, String>> users(Room room) {
		return this.presence.members(room.channel()).stream().map(PresenceMember::info).toList();
	}

	private void expire(Room room) {
		synchronized (room) {
			if (!room.deleted && users(room).isEmpty()) {
				if (logger.isDebugEnabled()) {
					logger.debug("Grace period over for room " + room.code);
				}
				delete(room);
			}
		}
	}

	private void delete(Room room) {
		room.deleted = true;
		if (room.graceTimer != null) {
			room.graceTimer.dispose();
			room.graceTimer = null;
		}
		if (room.brokerSubscription != null) {
			room.brokerSubscription.dispose();
		}
		if (this.rooms.remove(room.code, room)) {
			this.live.decrementAndGet();
		}
	}

	/**
	 * A new room under a code no live room (or room in its grace period) holds.
	 */
	private Room reserveRoom() {
		while (true) {
			char[] code = new char[CODE_LENGTH];
			for (int i = 0; i < CODE_LENGTH; i++) {
				code[i] = ALPHABET.charAt(this.random.nextInt(ALPHABET.length()));
			}
			Room room = new Room(new String(code));
			if (this.rooms.putIfAbsent(room.code, room) == null) {
				return room;
			}
		}
	}

	/**
	 * The live rooms of this node, for health and metrics.
	 */
	long liveRooms() {
		return this.live.get();
	}

	/**
	 * The members of a room as presence lists them.
	 */
	List<PresenceMember> members(String code) {
		return this.presence.members(CHANNEL_PREFIX + code);
	}

}
