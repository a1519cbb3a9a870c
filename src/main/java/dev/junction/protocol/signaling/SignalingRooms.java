package dev.junction.protocol.signaling;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import dev.junction.cluster.ExpiringStore;
import reactor.core.publisher.Mono;

/**
 * The rooms made by {@code POST /create-room}: an 8-hex-digit id and a 6-hex-digit token,
 * both from a secure random source, valid for the room lifetime. A room is kept for as
 * long again after it expires, so that a late registration hears {@code Room expired}
 * rather than {@code Room not found}. The node holds at most a set number of rooms it
 * made; a room counts until it is dropped.
 */
final class SignalingRooms {

	private static final String KEY_PREFIX = "signaling-room:";

	private final SecureRandom random = new SecureRandom();

	private final ExpiringStore store;

	private final Clock clock;

	private final Duration ttl;

	/** When each room this node made is dropped, oldest first. */
	private final ArrayDeque<Long> held = new ArrayDeque<>();

	SignalingRooms(ExpiringStore store, Clock clock, Duration ttl) {
		this.store = store;
		this.clock = clock;
		this.ttl = ttl;
	}

	/**
	 * Make a room under an id that no live room holds, unless the node holds as many as
	 * it may.
	 * @param maxRooms the most rooms the node may hold
	 * @return the room, or an empty {@code Mono} when the node is full
	 */
	Mono<RoomRecord> create(int maxRooms) {
		synchronized (this) {
			long now = this.clock.millis();
			while (!this.held.isEmpty() && this.held.peekFirst() <= now) {
				this.held.pollFirst();
			}
			if (this.held.size() >= maxRooms) {
				return Mono.empty();
			}
			// Counted at once, so that racing requests cannot pass the limit together.
			this.held.addLast(now + this.ttl.multipliedBy(2).toMillis());
		}
		return newRoom();
	}

	/**
	 * Make a room under an id that no live room holds, whatever the node holds.
	 * @return the room
	 */
	Mono<RoomRecord> create() {
		synchronized (this) {
			this.held.addLast(this.clock.millis() + this.ttl.multipliedBy(2).toMillis());
		}
		return newRoom();
	}

	/**
	 * How long until the oldest room this node holds is dropped.
	 * @return milliseconds, at least 1000
	 */
	synchronized long millisUntilARoomIsDropped() {
		Long first = this.held.peekFirst();
		return Math.max(1000, (first != null) ? first - this.clock.millis() : 0);
	}

	private Mono<RoomRecord> newRoom() {
		String id = hex(4);
		String token = hex(3);
		long expiresAt = this.clock.millis() + this.ttl.toMillis();
		Map<String, String> value = Map.of("token", token, "expires_at", Long.toString(expiresAt));
		return this.store.putIfAbsent(KEY_PREFIX + id, value, this.ttl.multipliedBy(2))
			.flatMap((stored) -> stored ? Mono.just(new RoomRecord(id, token, expiresAt)) : newRoom());
	}

	/**
	 * A room as created, while its record lives.
	 * @param id the {@code room_id}
	 * @return the room, or an empty {@code Mono} when no record has the id
	 */
	Mono<RoomRecord> find(String id) {
		return this.store.get(KEY_PREFIX + id).flatMap((value) -> {
			String token = value.get("token");
			String expiresAt = value.get("expires_at");
			if (token == null || expiresAt == null) {
				return Mono.empty();
			}
			return Mono.just(new RoomRecord(id, token, Long.parseLong(expiresAt)));
		});
	}

	boolean isExpired(RoomRecord room) {
		return this.clock.millis() >= room.expiresAt();
	}

	private String hex(int bytes) {
		byte[] value = new byte[bytes];
		this.random.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

	/**
	 * A room as created.
	 *
	 * @param id the {@code room_id}
	 * @param token the room {@code token}
	 * @param expiresAt when registrations stop being accepted, epoch milliseconds
	 */
	record RoomRecord(String id, String token, long expiresAt) {
	}

}
