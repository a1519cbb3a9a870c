package dev.junction.protocol.rooms;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Departure;
import dev.junction.cluster.Directory;
import dev.junction.cluster.PresenceMember;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.protocol.rooms.RoomsMessage.Member;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The rooms of this node: codes, grace periods and the rooms messages about members.
 * Codes are claimed in the {@link Directory}, so no two rooms in the cluster share one;
 * members, fan-out and member lists belong to the {@link ChannelHub}, which also keeps
 * the order: a joiner gets {@code room_joined} before any other frame of the room, and
 * each member's frames reach the others in the order sent.
 */
final class RoomRegistry {

	static final String CHANNEL_PREFIX = "rooms:";

	static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	static final int CODE_LENGTH = 6;

	private static final Log logger = LogFactory.getLog(RoomRegistry.class);

	private final Map<String, Room> rooms = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private final ChannelHub hub;

	private final Directory directory;

	private final RoomsEncoder encoder;

	private final Scheduler scheduler;

	private final Duration gracePeriod;

	private final LongConsumer roomsChanged;

	/**
	 * Create a registry.
	 * @param roomsChanged told of every change of {@link #size()}, by how much
	 */
	RoomRegistry(ChannelHub hub, Directory directory, RoomsEncoder encoder, Scheduler scheduler, Duration gracePeriod,
			LongConsumer roomsChanged) {
		this.hub = hub;
		this.directory = directory;
		this.encoder = encoder;
		this.scheduler = scheduler;
		this.gracePeriod = gracePeriod;
		this.roomsChanged = roomsChanged;
		hub.onDeparture(CHANNEL_PREFIX, this::departed);
	}

	/**
	 * Create a room with a fresh code and make the connection its first member.
	 */
	Mono<Room> create(Connection connection, Member member) {
		String owner = owner();
		return reserveCode(owner).flatMap((code) -> {
			Room room = new Room(code, owner);
			this.rooms.put(code, room);
			this.roomsChanged.accept(1);
			if (logger.isDebugEnabled()) {
				logger.debug("Created room " + code);
			}
			return this.hub
				.join(room.channel(), connection, null, info(member),
						(members) -> connection.send(this.encoder.roomCreated(code)))
				.thenReturn(room)
				.onErrorResume((error) -> {
					deleteIfEmpty(room);
					return Mono.error(error);
				});
		});
	}

	/**
	 * Join a live room (or one kept for its grace period), as found by {@link #lookup}. A
	 * room is never deleted while a join is under way.
	 * @return the room once joined, or an empty {@code Mono} when it was deleted
	 * meanwhile
	 */
	Mono<Room> join(Room room, Connection connection, Member member) {
		synchronized (room) {
			if (room.deleted) {
				return Mono.empty();
			}
			room.joining++;
			if (room.graceTimer != null) {
				room.graceTimer.dispose();
				room.graceTimer = null;
			}
		}
		// Ends a grace period wherever it was started: the code is held until released.
		// A room with members here is in no grace period, so those joins skip the claim.
		boolean mayBeInGrace = !this.gracePeriod.isZero() && this.hub.localMembers(room.channel()) == 0;
		Mono<Boolean> held = mayBeInGrace ? this.directory.claim(room.channel(), room.owner, null) : Mono.just(true);
		return held.then(this.hub.join(room.channel(), connection, null, info(member), (members) -> {
			connection.send(this.encoder.roomJoined(room.code, users(members)));
		}).map((members) -> {
			Frame joined = this.encoder.userJoined(member, users(members));
			this.hub.publish(room.channel(), connection, null, joined);
			return room;
		})).doFinally((signal) -> {
			synchronized (room) {
				room.joining--;
			}
		});
	}

	/**
	 * Forward a member's frame to the other members.
	 */
	void relay(Room room, Connection sender, Frame frame) {
		this.hub.publish(room.channel(), sender, null, frame);
	}

	/**
	 * Remove a member. The last member out deletes the room at once, unless it left
	 * abnormally: then the room waits out the grace period for reconnecting clients.
	 */
	Mono<Void> leave(Room room, Connection connection, Member member, boolean abnormal) {
		return leave(room, connection, member, abnormal, false);
	}

	/**
	 * Remove a member; with {@code rejoining} an emptied room is kept because the same
	 * connection joins it again at once.
	 */
	Mono<Void> leave(Room room, Connection connection, Member member, boolean abnormal, boolean rejoining) {
		return this.hub.leave(room.channel(), connection)
			.filter(Boolean::booleanValue)
			.flatMap((left) -> this.hub.members(room.channel()))
			.doOnNext((members) -> {
				if (!members.isEmpty()) {
					this.hub.publish(room.channel(), connection, null, this.encoder.userLeft(member, users(members)));
				}
				else if (!rejoining) {
					emptied(room, abnormal);
				}
			})
			.then();
	}

	/**
	 * The room with a code, held here or, when another node created it, as this node's
	 * handle on it.
	 * @return the room, or an empty {@code Mono} when no room in the cluster has the code
	 */
	Mono<Room> lookup(String code) {
		Room room = find(code);
		if (room != null) {
			return Mono.just(room);
		}
		return this.directory.owner(CHANNEL_PREFIX + code).map((owner) -> {
			Room held = this.rooms.computeIfAbsent(code, (key) -> {
				this.roomsChanged.accept(1);
				return new Room(key, owner);
			});
			return held;
		}).filter((held) -> !held.deleted);
	}

	@Nullable Room find(String code) {
		Room room = this.rooms.get(code);
		return (room != null && !room.deleted) ? room : null;
	}

	/**
	 * How many members a room has, on every node.
	 */
	Mono<Integer> members(String code) {
		return this.hub.members(CHANNEL_PREFIX + code).map(List::size);
	}

	/**
	 * How many members a room has on this node.
	 */
	int memberCount(String code) {
		return this.hub.localMembers(CHANNEL_PREFIX + code);
	}

	int size() {
		return this.rooms.size();
	}

	private void emptied(Room room, boolean abnormal) {
		if (abnormal && !this.gracePeriod.isZero()) {
			synchronized (room) {
				if (!room.deleted) {
					room.graceTimer = this.scheduler.schedule(() -> expire(room), this.gracePeriod.toMillis(),
							TimeUnit.MILLISECONDS);
				}
			}
			// The code itself lives for the grace period, so that a client that comes
			// back through another node (this one may be going) still finds its room.
			this.directory.claim(room.channel(), room.owner, this.gracePeriod).subscribe();
		}
		else {
			delete(room);
		}
	}

	/**
	 * A member whose node went: the others hear {@code user_left}, as if it had dropped,
	 * and a room left with nobody keeps its code for the grace period.
	 */
	private void departed(Departure departure) {
		String channel = departure.group();
		Map<String, String> info = departure.member().info();
		Member member = new Member(info.get("user_id"), info.get("display_name"));
		this.hub.members(channel).subscribe((members) -> {
			if (!members.isEmpty()) {
				this.hub.publish(channel, null, null, this.encoder.userLeft(member, users(members)));
				return;
			}
			Room room = find(channel.substring(CHANNEL_PREFIX.length()));
			if (room != null) {
				emptied(room, true);
				return;
			}
			this.directory.owner(channel)
				.flatMap((owner) -> this.gracePeriod.isZero() ? this.directory.release(channel, owner)
						: this.directory.claim(channel, owner, this.gracePeriod))
				.subscribe();
		});
	}

	private static Map<String, String> info(Member member) {
		Map<String, String> info = new LinkedHashMap<>();
		if (member.userId() != null) {
			info.put("user_id", member.userId());
		}
		if (member.displayName() != null) {
			info.put("display_name", member.displayName());
		}
		return info;
	}

	private static List<Map<String, String>> users(List<PresenceMember> members) {
		return members.stream().map(PresenceMember::info).toList();
	}

	private void expire(Room room) {
		if (logger.isDebugEnabled()) {
			logger.debug("Grace period over for room " + room.code);
		}
		deleteIfEmpty(room);
	}

	private void deleteIfEmpty(Room room) {
		this.hub.members(room.channel()).filter(List::isEmpty).subscribe((members) -> delete(room));
	}

	private void delete(Room room) {
		synchronized (room) {
			if (room.deleted || room.joining > 0) {
				return;
			}
			room.deleted = true;
			if (room.graceTimer != null) {
				room.graceTimer.dispose();
				room.graceTimer = null;
			}
		}
		if (this.rooms.remove(room.code, room)) {
			this.roomsChanged.accept(-1);
		}
		this.directory.release(room.channel(), room.owner).subscribe();
	}

	/**
	 * A code no room in the cluster holds (live or in its grace period), claimed for this
	 * node.
	 */
	private Mono<String> reserveCode(String owner) {
		char[] chars = new char[CODE_LENGTH];
		for (int i = 0; i < CODE_LENGTH; i++) {
			chars[i] = ALPHABET.charAt(this.random.nextInt(ALPHABET.length()));
		}
		String code = new String(chars);
		return this.directory.claim(CHANNEL_PREFIX + code, owner, null)
			.flatMap((claimed) -> claimed ? Mono.just(code) : reserveCode(owner));
	}

	/**
	 * Who holds a new room's code: a name of the room's own, not of this node, so that
	 * the code outlives the node that created it while members remain elsewhere.
	 */
	private String owner() {
		return "room-" + Long.toString(this.random.nextLong() & Long.MAX_VALUE, 36);
	}

	/**
	 * The connection ids of a room's members, for operators.
	 */
	Mono<List<String>> memberIds(String code) {
		return this.hub.members(CHANNEL_PREFIX + code)
			.map((members) -> members.stream().map(PresenceMember::id).toList());
	}

}
