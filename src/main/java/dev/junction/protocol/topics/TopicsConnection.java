package dev.junction.protocol.topics;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.protocol.topics.TopicsMessage.Data;
import dev.junction.protocol.topics.TopicsMessage.Dropped;
import dev.junction.protocol.topics.TopicsMessage.Join;
import dev.junction.protocol.topics.TopicsMessage.MissingTopic;
import dev.junction.security.VerifiedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One topics client: in at most one topic at a time, entered by {@code join} (which
 * leaves the previous topic first) and left by closing. Text and binary frames are read
 * alike, as JSON.
 */
final class TopicsConnection implements ConnectionHandler {

	private static final Log logger = LogFactory.getLog(TopicsConnection.class);

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
			leave();
			this.protocol.topics()
				.join(join.topic(), this.connection, peerId)
				.subscribe((topic) -> this.membership = new Membership(topic, peerId, dataHead), this::failed);
		}
		else if (message instanceof MissingTopic) {
			this.connection.send(this.protocol.encoder().error(TopicsEncoder.TOPIC_REQUIRED));
		}
		else if (message instanceof Dropped dropped) {
			this.protocol.dropped().record(dropped.reason());
		}
	}

	@Override
	public void onClose(int code) {
		leave();
	}

	private void leave() {
		Membership current = this.membership;
		if (current != null) {
			this.membership = null;
			this.protocol.topics()
				.leave(current.topic(), this.connection, current.peerId())
				.subscribe(null, this::failed);
		}
	}

	private void failed(Throwable error) {
		// The cluster refused (a backplane down, say): the client cannot be served.
		logger.warn(this.connection + " failed: " + error.getMessage());
		this.connection.close(CloseReason.INTERNAL_ERROR);
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
