package dev.junction.protocol.signaling;

import dev.junction.core.Connection;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * A {@code peer_id} held by a connection of this node. Fields change only under the
 * {@link PeerRegistry}'s lock; a registration that was replaced, deleted or closed is no
 * longer current there and is never current again.
 */
final class Registration {

	final String peerId;

	final Connection connection;

	final @Nullable String subject;

	volatile String roomId;

	volatile String roomToken;

	volatile String role;

	@Nullable Disposable subscription;

	@Nullable Disposable pinger;

	Registration(String peerId, Connection connection, @Nullable String subject, String roomId, String roomToken,
			String role) {
		this.peerId = peerId;
		this.connection = connection;
		this.subject = subject;
		this.roomId = roomId;
		this.roomToken = roomToken;
		this.role = role;
	}

	void dispose() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
		if (this.pinger != null) {
			this.pinger.dispose();
		}
	}

	@Override
	public String toString() {
		return "Registration[" + this.peerId + "]";
	}

}
