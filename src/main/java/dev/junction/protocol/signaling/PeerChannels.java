package dev.junction.protocol.signaling;

import dev.junction.channel.ChannelHub;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The channel of each peer id: a registration receives there whatever is sent to its id,
 * from any node, and messages are handed to it there.
 */
final class PeerChannels {

	private static final Mono<Boolean> TRUE = Mono.just(true);

	private final ChannelHub hub;

	private final PeerClaims claims;

	private final SignalingCounters counters;

	PeerChannels(ChannelHub hub, PeerClaims claims, SignalingCounters counters) {
		this.hub = hub;
		this.claims = claims;
		this.counters = counters;
	}

	/**
	 * Hand an encoded frame to a peer, wherever it is connected.
	 * @param local the peer's registration on this node, or {@code null}
	 * @return false when the peer's connection on this node is closed and no other node
	 * has taken its id over
	 */
	Mono<Boolean> deliver(@Nullable Registration local, String peerId, Frame frame) {
		if (local == null || local.connection.isOpen()) {
			publish(peerId, frame);
			return TRUE;
		}
		// Closed here, but possibly because another node took the id over a moment ago.
		return this.claims.holder(peerId)
			.filter((holder) -> !holder.connectionId().equals(local.connection.id()))
			.map((holder) -> {
				publish(peerId, frame);
				return true;
			})
			.defaultIfEmpty(false);
	}

	private void publish(String peerId, Frame frame) {
		this.hub.publish(PeerRegistry.PEER_CHANNEL_PREFIX + peerId, null, null, frame);
		this.counters.messages().incrementAndGet();
	}

	/**
	 * Receive what is sent to the registration's peer id, wherever it is sent from.
	 * @return completes once the peer's channel reaches this connection
	 */
	Mono<Void> join(Registration registration) {
		String channel = PeerRegistry.PEER_CHANNEL_PREFIX + registration.peerId;
		Connection connection = registration.connection;
		registration.subscription = () -> this.hub.leave(channel, connection).subscribe();
		return this.hub.join(channel, connection, null, null, (members) -> {
		}).then().onErrorResume((error) -> {
			connection.close(CloseReason.INTERNAL_ERROR);
			return Mono.empty();
		});
	}

}
