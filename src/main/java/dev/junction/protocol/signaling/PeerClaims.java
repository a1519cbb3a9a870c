package dev.junction.protocol.signaling;

import dev.junction.cluster.Directory;
import dev.junction.core.NodeId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Who holds which peer id in the cluster, as the {@link Directory} records it: a
 * registration claims its id under its connection id and releases it when removed. Taking
 * an id over needs the holder's subject and room, which only the holder's node knows, so
 * an id held on another node counts as in use.
 */
final class PeerClaims {

	/** Directory keys: who holds a peer id in the cluster. */
	static final String KEY_PREFIX = "signaling-peer-id:";

	private static final Log logger = LogFactory.getLog(PeerClaims.class);

	private final Directory directory;

	private final NodeId node;

	PeerClaims(Directory directory, NodeId node) {
		this.directory = directory;
		this.node = node;
	}

	/**
	 * Whether a connection of another node holds a peer id.
	 */
	Mono<Boolean> heldElsewhere(String peerId) {
		return this.directory.owner(KEY_PREFIX + peerId)
			.map((owner) -> !NodeId.of(owner).equals(this.node.value()))
			.defaultIfEmpty(false);
	}

	Mono<Void> claim(Registration registration) {
		String owner = registration.connection.id();
		return this.directory.claim(KEY_PREFIX + registration.peerId, owner, null).doOnNext((claimed) -> {
			if (!claimed) {
				logger.warn("Peer id " + registration.peerId + " was claimed on another node meanwhile");
			}
		}).then();
	}

	Mono<Void> release(Registration registration) {
		return this.directory.release(KEY_PREFIX + registration.peerId, registration.connection.id()).then();
	}

}
