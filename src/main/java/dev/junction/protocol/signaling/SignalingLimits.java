package dev.junction.protocol.signaling;

/**
 * How much one client may ask of the signaling server: the HTTP endpoints that create
 * state, per client address and per token subject, the failed room registrations per
 * address, and the rooms a node holds.
 *
 * @param createRoomsPerMinutePerAddress {@code POST /create-room} calls per minute from
 * one client address
 * @param createRoomsPerMinutePerSubject rooms per minute one token subject may create
 * @param anonymousSigninsPerMinutePerAddress {@code POST /anonymous-signin} calls per
 * minute from one client address
 * @param failedJoinsPerMinutePerAddress registrations naming an unknown room or a wrong
 * room token per minute from one client address; over it, {@code register} is refused
 * without a lookup
 * @param maxRooms rooms made by {@code /create-room} that the node holds at once (until
 * they are dropped, twice the room lifetime after creation)
 */
public record SignalingLimits(long createRoomsPerMinutePerAddress, long createRoomsPerMinutePerSubject,
		long anonymousSigninsPerMinutePerAddress, long failedJoinsPerMinutePerAddress, int maxRooms) {

	/** No practical limit, for tests of other behaviour. */
	public static final SignalingLimits UNLIMITED = new SignalingLimits(1_000_000_000L, 1_000_000_000L, 1_000_000_000L,
			1_000_000_000L, Integer.MAX_VALUE);

}
