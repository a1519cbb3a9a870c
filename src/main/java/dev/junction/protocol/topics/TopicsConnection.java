package dev.junction.protocol.topics;

import java.util.function.Consumer;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.protocol.SerialLane;
import dev.junction.protocol.topics.TopicsMessage.Data;
import dev.junction.protocol.topics.TopicsMessage.Dropped;
import dev.junction.protocol.topics.TopicsMessage.Join;
import dev.junction.protocol.topics.TopicsMessage.MissingTopic;
import dev.junction.security.VerifiedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One topics client: in at most one topic at a time, entered by {@code join} (which
 * leaves the previous topic first) and left by closing. Text and binary frames are read
 * alike, as JSON. Frames and the close go through a {@link SerialLane}: while a join
 * waits for the cluster, later frames wait behind it, and the membership is only touched
 * by the lane's current step.
 */
final class TopicsConnection implements ConnectionHandler {

	/** Frames that may wait behind a join before the client is shed. */
	static final int MAX_HELD_FRAMES = 1024;

	/** Bytes that may wait behind a join before the client is shed. */
	static final long MAX_HELD_BYTES = 4L * 1024 * 1024;

	private static final Log logger = LogFactory.getLog(TopicsConnection.class);

	private final SerialLane lane = new SerialLane(MAX_HELD_FRAMES, MAX_HELD_BYTES, this::crashed);

	private final Consumer<Frame> handler = this::handle;

	private final Connection connection;

	private final TopicsProtocol protocol;

	private final @Nullable VerifiedToken token;

	private @Nullable Membership membership;

	TopicsConnection(Connection connection, TopicsProtocol protocol, @Nullable VerifiedToken token) {
		this.connection = connection;
		this.protocol = protocol;
		this.token = token;
	}

	@Override
	public void onFrame(Frame frame) {
		if (!this.lane.offer(frame, this.handler)) {
			logger.info("Closing " + this.connection + ": too many frames waiting for a join");
			this.connection.abort(CloseReason.RATE_LIMITED);
		}
	}

	private void handle(Frame frame) {
		TopicsMessage message = this.protocol.decoder().decode(frame.bytes());
		if (message instanceof Data data) {
			Membership current = this.membership;
			if (current != null) {
				this.protocol.topics()
					.relay(current.topic(), this.connection, this.protocol.encoder().data(current.dataHead(), data));
			}
		}
		else if (message instanceof Join join) {
			if (this.token != null && !this.token.allows("topic", join.topic())) {
				// A token bound to a topic opens that topic only.
				this.connection.close(CloseReason.NOT_AUTHORIZED);
				return;
			}
			String chosen = join.peerId();
			String peerId = (chosen != null) ? chosen : this.protocol.peerIds().next();
			byte[] dataHead = this.protocol.encoder().dataHead(peerId);
			this.lane.await(leave().then(this.protocol.topics().join(join.topic(), this.connection, peerId))
				.doOnNext((topic) -> this.membership = new Membership(topic, peerId, dataHead))
				.onErrorResume(this::failed));
		}
		else if (message instanceof MissingTopic) {
			this.connection.send(this.protocol.encoder().error(TopicsEncoder.TOPIC_REQUIRED));
		}
		else if (message instanceof Dropped dropped) {
			this.protocol.dropped().record(dropped.reason());
		}
	}

	/**
	 * Leave once every step before the close has answered, so that a join still under way
	 * when the client went leaves no member behind.
	 */
	@Override
	public void onClose(int code) {
		this.lane.run(this::leave).subscribe();
	}

	private Mono<Void> leave() {
		Membership current = this.membership;
		if (current == null) {
			return Mono.empty();
		}
		this.membership = null;
		return this.protocol.topics()
			.leave(current.topic(), this.connection, current.peerId())
			.onErrorResume(this::failed);
	}

	private void crashed(RuntimeException ex) {
		// What the network layer does for a frame handled at once that throws.
		logger.error("Handler failed on " + this.connection + "; closing it", ex);
		this.connection.abort(CloseReason.INTERNAL_ERROR);
	}

	private <T> Mono<T> failed(Throwable error) {
		// The cluster refused (a backplane down, say): the client cannot be served.
		logger.warn(this.connection + " failed: " + error.getMessage());
		this.connection.close(CloseReason.INTERNAL_ERROR);
		return Mono.empty();
	}

	/**
	 * The topic this client is in, under which peer id.
	 *
	 * @param topic the topic
	 * @param peerId the client's peer id
	 * @param dataHead the encoded head of the client's {@code data} messages
	 */
	@SuppressWarnings("ArrayRecordComponent") // encoded once, then only read
	private record Membership(Topic topic, String peerId, byte[] dataHead) {
	}

}
