package dev.junction.protocol.signaling;

import dev.junction.cluster.Directory;
import dev.junction.core.Connection;
import reactor.core.publisher.Mono;

/**
 * Which peer is each room's admin, in the {@link Directory}, so that a room has one admin
 * across the cluster: the first peer that asks for the role holds it until it leaves the
 * room (or its node goes, taking its claims along).
 */
final class RoomAdmins {

	static final String KEY_PREFIX = "signaling-admin:";

	private static final char SEPARATOR = '/';

	private final Directory directory;

	RoomAdmins(Directory directory) {
		this.directory = directory;
	}

	/**
	 * A peer enters a room.
	 * @param wantsAdmin whether it asked to be the admin
	 * @return the room's other admin when the peer asked in vain, else an empty
	 * {@code Mono}
	 */
	Mono<String> enter(String roomId, String peerId, Connection connection, boolean wantsAdmin) {
		if (!wantsAdmin) {
			return Mono.empty();
		}
		return this.directory.claim(KEY_PREFIX + roomId, owner(peerId, connection), null)
			.flatMap((claimed) -> claimed ? Mono.empty() : admin(roomId))
			.filter((admin) -> !admin.equals(peerId));
	}

	/**
	 * The room's admin.
	 * @return its peer id, or an empty {@code Mono} when the room has none
	 */
	Mono<String> admin(String roomId) {
		return this.directory.owner(KEY_PREFIX + roomId).map((owner) -> owner.substring(owner.indexOf(SEPARATOR) + 1));
	}

	/**
	 * A peer left a room: an admin leaves it without one.
	 */
	Mono<Void> left(String roomId, String peerId, Connection connection) {
		return this.directory.release(KEY_PREFIX + roomId, owner(peerId, connection)).then();
	}

	private static String owner(String peerId, Connection connection) {
		return connection.id() + SEPARATOR + peerId;
	}

}
