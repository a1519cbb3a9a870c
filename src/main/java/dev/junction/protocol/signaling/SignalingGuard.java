package dev.junction.protocol.signaling;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.core.AddressLimiter;
import dev.junction.core.RelayEvents;
import dev.junction.security.AuthFailures;

/**
 * The signaling server's allowances ({@link SignalingLimits}) as token buckets, and the
 * failed authentications it reports. Buckets of quiet keys are forgotten once a minute.
 */
final class SignalingGuard {

	private static final long EVICT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final SignalingLimits limits;

	private final AuthFailures authFailures;

	private final RelayEvents events;

	private final AddressLimiter createRoomsByAddress;

	private final AddressLimiter createRoomsBySubject;

	private final AddressLimiter anonymousSignins;

	private final AddressLimiter failedJoins;

	private final AtomicLong lastEviction = new AtomicLong(System.nanoTime());

	SignalingGuard(SignalingLimits limits, AuthFailures authFailures, RelayEvents events) {
		this.limits = limits;
		this.authFailures = authFailures;
		this.events = events;
		Duration minute = Duration.ofMinutes(1);
		this.createRoomsByAddress = new AddressLimiter(limits.createRoomsPerMinutePerAddress(), minute);
		this.createRoomsBySubject = new AddressLimiter(limits.createRoomsPerMinutePerSubject(), minute);
		this.anonymousSignins = new AddressLimiter(limits.anonymousSigninsPerMinutePerAddress(), minute);
		this.failedJoins = new AddressLimiter(limits.failedJoinsPerMinutePerAddress(), minute);
	}

	AuthFailures authFailures() {
		return this.authFailures;
	}

	int maxRooms() {
		return this.limits.maxRooms();
	}

	/**
	 * Count a {@code /create-room} call from an address.
	 * @return zero when allowed, else the nanoseconds until it would be
	 */
	long createRoomFromAddress(String address) {
		return acquire(this.createRoomsByAddress, address, "create_room_per_address");
	}

	/**
	 * Count a room created for a token subject.
	 * @return zero when allowed, else the nanoseconds until it would be
	 */
	long createRoomForSubject(String subject) {
		return acquire(this.createRoomsBySubject, subject, "create_room_per_subject");
	}

	/**
	 * Count an {@code /anonymous-signin} call from an address.
	 * @return zero when allowed, else the nanoseconds until it would be
	 */
	long anonymousSignin(String address) {
		return acquire(this.anonymousSignins, address, "anonymous_signin_per_address");
	}

	boolean joinsLockedOut(String address) {
		boolean lockedOut = this.failedJoins.isExhausted(address);
		if (lockedOut) {
			this.events.limitHit("signaling_failed_joins");
		}
		return lockedOut;
	}

	/**
	 * A registration named an unknown room or a wrong room token.
	 * @param address the client address
	 * @param reason {@code room not found} or {@code invalid room token}
	 */
	void failedJoin(String address, String reason) {
		evictIfDue();
		this.failedJoins.record(address);
		this.events.authenticationRefused(reason);
	}

	void roomsFull() {
		this.events.limitHit("signaling_rooms");
	}

	private long acquire(AddressLimiter limiter, String key, String limit) {
		evictIfDue();
		long wait = limiter.tryAcquireOrWait(key);
		if (wait > 0) {
			this.events.limitHit(limit);
		}
		return wait;
	}

	private void evictIfDue() {
		long now = System.nanoTime();
		long last = this.lastEviction.get();
		if (now - last >= EVICT_EVERY_NANOS && this.lastEviction.compareAndSet(last, now)) {
			this.createRoomsByAddress.evictIdle();
			this.createRoomsBySubject.evictIdle();
			this.anonymousSignins.evictIdle();
			this.failedJoins.evictIdle();
		}
	}

}
