package dev.junction.protocol.signaling;

import java.util.List;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ReplyError;
import dev.junction.protocol.signaling.SignalingEncoder.PeerView;
import dev.junction.protocol.signaling.SignalingMessage.DiscoverPeers;
import dev.junction.protocol.signaling.SignalingMessage.Forward;
import dev.junction.protocol.signaling.SignalingMessage.Ignored;
import dev.junction.protocol.signaling.SignalingMessage.Mesh;
import dev.junction.protocol.signaling.SignalingMessage.PeerMessage;
import dev.junction.protocol.signaling.SignalingMessage.Ping;
import dev.junction.protocol.signaling.SignalingMessage.Refused;
import dev.junction.protocol.signaling.SignalingMessage.Register;
import dev.junction.protocol.signaling.SignalingMessage.UpdateMetadata;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a signaling client sends besides {@code register}: discovery, metadata
 * updates and the directed messages, each only as the peer the connection registered.
 * Directed messages go only to peers of the sender's room.
 */
final class PeerCommands {

	private static final Log logger = LogFactory.getLog(PeerCommands.class);

	private final Connection connection;

	private final PeerRegistry peers;

	private final PeerStore store;

	private final SignalingEncoder encoder;

	private final SignalingCounters counters;

	PeerCommands(Connection connection, SignalingRelayProtocol protocol) {
		this.connection = connection;
		this.peers = protocol.peers();
		this.store = protocol.store();
		this.encoder = protocol.encoder();
		this.counters = protocol.counters();
	}

	void handle(SignalingMessage message, @Nullable Registration self) {
		if (message instanceof PeerMessage peerMessage) {
			peerMessage(peerMessage, self);
		}
		else if (message instanceof Forward forward) {
			forward(forward, self);
		}
		else if (message instanceof Mesh mesh) {
			mesh(mesh, self);
		}
		else if (message instanceof DiscoverPeers discover) {
			discover(discover, self);
		}
		else if (message instanceof UpdateMetadata update) {
			updateMetadata(update, self);
		}
		else if (message instanceof Refused refused) {
			reply(refused.error());
		}
		else if (message instanceof Ping) {
			this.connection.send(this.encoder.pong());
		}
		else if (!(message instanceof Ignored) && !(message instanceof Register)) {
			throw new IllegalStateException("Unexpected " + message.getClass().getSimpleName());
		}
	}

	private void discover(DiscoverPeers discover, @Nullable Registration self) {
		if (self == null) {
			reply(SignalingErrors.PEER_NOT_IN_ROOM);
			return;
		}
		String from = discover.fromPeerId();
		if (from != null && !from.equals(self.peerId)) {
			reply(SignalingErrors.SENDER_MISMATCH);
			return;
		}
		PeerFilter filter;
		try {
			filter = PeerFilter.parse(discover.filters());
		}
		catch (PeerFilter.UnknownOperatorException ex) {
			reply(SignalingErrors.unknownOperator(ex.operator()));
			return;
		}
		this.store.peers(self.roomId).subscribe((peers) -> {
			List<PeerView> found = peers.stream()
				.filter((peer) -> !peer.peerId().equals(self.peerId) && filter.matches(peer.role(), peer.metadata()))
				.map((peer) -> new PeerView(peer.peerId(), peer.role(), peer.metadata(), peer.connectedAt()))
				.toList();
			this.connection.send(this.encoder.peerList(self.peerId, found));
		}, this::failed);
	}

	private void updateMetadata(UpdateMetadata update, @Nullable Registration self) {
		if (self == null) {
			reply(SignalingErrors.PEER_NOT_IN_ROOM);
			return;
		}
		if (!update.peerId().equals(self.peerId)) {
			reply(SignalingErrors.SENDER_MISMATCH);
			return;
		}
		this.peers.updateMetadata(self, update.metadata()).subscribe((outcome) -> {
			ObjectNode merged = outcome.metadata();
			if (merged == null) {
				reply((outcome.error() != null) ? outcome.error() : SignalingErrors.PEER_NOT_IN_ROOM);
				return;
			}
			this.connection.send(this.encoder.metadataUpdated(self.peerId, merged));
		}, this::failed);
	}

	private void peerMessage(PeerMessage message, @Nullable Registration self) {
		if (self == null) {
			reply(SignalingErrors.SENDER_NOT_IN_ROOM);
			return;
		}
		if (!message.fromPeerId().equals(self.peerId)) {
			reply(SignalingErrors.SENDER_MISMATCH);
			return;
		}
		String target = message.toPeerId();
		this.store.contains(self.roomId, target).flatMap((present) -> {
			if (!present) {
				reply(SignalingErrors.targetNotInRoom(target));
				return Mono.empty();
			}
			return this.peers.deliver(target, this.encoder.peerMessage(self.peerId, target, message.payload()));
		}).subscribe((delivered) -> {
			if (!delivered) {
				reply(SignalingErrors.deliveryFailed(target));
			}
		}, this::failed);
	}

	private void forward(Forward forward, @Nullable Registration self) {
		if (self == null) {
			dropped("sender not registered");
			return;
		}
		if (!forward.sender().equals(self.peerId)) {
			reply(SignalingErrors.SENDER_MISMATCH);
			return;
		}
		this.store.contains(self.roomId, forward.target())
			.flatMap((present) -> present
					? this.peers.deliver(forward.target(), this.encoder.forward(forward.message())) : Mono.just(false))
			.subscribe((delivered) -> {
				if (!delivered) {
					dropped("target " + forward.target() + " not in room " + self.roomId);
				}
			}, this::failed);
	}

	private void mesh(Mesh mesh, @Nullable Registration self) {
		if (self == null) {
			reply(SignalingErrors.SENDER_NOT_IN_ROOM);
			return;
		}
		if (!mesh.fromPeerId().equals(self.peerId)) {
			reply(SignalingErrors.SENDER_MISMATCH);
			return;
		}
		String target = mesh.targetPeerId();
		this.store.contains(self.roomId, target)
			.flatMap(
					(present) -> present
							? this.peers.deliver(target,
									this.encoder.mesh(mesh.type(), self.peerId, mesh.field(), mesh.value()))
							: Mono.just(false))
			.subscribe((delivered) -> {
				if (!delivered) {
					reply(SignalingErrors.targetNotFound(target));
				}
			}, this::failed);
	}

	private void dropped(String why) {
		// Legacy signaling fails silently; the SDP itself is never logged.
		this.counters.dropped().incrementAndGet();
		if (logger.isDebugEnabled()) {
			logger.debug("Dropped a signaling message from " + this.connection + ": " + why);
		}
	}

	private void reply(ReplyError error) {
		this.connection.send(this.encoder.error(error));
	}

	private void failed(Throwable error) {
		// The cluster refused (a backplane down, say): the client cannot be served.
		logger.warn(this.connection + " failed: " + error.getMessage());
		this.connection.close(CloseReason.INTERNAL_ERROR);
	}

}
