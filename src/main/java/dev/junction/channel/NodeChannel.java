package dev.junction.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.junction.cluster.Broker;
import dev.junction.cluster.Publication;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * This node's own channel: how another node asks it to close one of its connections (a
 * registration or a slot taken over from there, say). Every node subscribes to its own
 * channel when it starts; a command for a connection that has already gone is ignored.
 */
final class NodeChannel {

	static final String PREFIX = "node:";

	private static final Log logger = LogFactory.getLog(NodeChannel.class);

	private final NodeId node;

	private final Broker broker;

	private final ConnectionRegistry connections;

	private volatile Disposable subscription = () -> {
	};

	NodeChannel(NodeId node, Broker broker, ConnectionRegistry connections) {
		this.node = node;
		this.broker = broker;
		this.connections = connections;
	}

	/**
	 * Subscribe to this node's channel, retrying while the backplane refuses.
	 */
	void start() {
		this.subscription = this.broker.subscribe(PREFIX + this.node.value(), this::receive)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
			.subscribe((subscribed) -> this.subscription = subscribed);
	}

	void stop() {
		this.subscription.dispose();
	}

	/**
	 * Close a connection wherever it is.
	 * @param connectionId the connection's id, which names its node
	 * @param reason the close
	 */
	void close(String connectionId, CloseReason reason) {
		String target = NodeId.of(connectionId);
		if (target.equals(this.node.value())) {
			closeHere(connectionId, reason);
			return;
		}
		byte[] command = (reason.code() + " " + reason.reason()).getBytes(StandardCharsets.UTF_8);
		this.broker.publish(PREFIX + target, new Publication(this.node, null, 0, connectionId, Frame.text(command)));
	}

	private void receive(Publication publication) {
		String connectionId = publication.audience();
		if (connectionId == null) {
			return;
		}
		String command = new String(publication.frame().bytes(), StandardCharsets.UTF_8);
		int space = command.indexOf(' ');
		try {
			int code = Integer.parseInt((space < 0) ? command : command.substring(0, space));
			closeHere(connectionId, new CloseReason(code, (space < 0) ? "" : command.substring(space + 1)));
		}
		catch (NumberFormatException ex) {
			logger.warn("Ignored a malformed command from node " + publication.origin());
		}
	}

	private void closeHere(String connectionId, CloseReason reason) {
		Connection connection = this.connections.find(connectionId);
		if (connection != null) {
			connection.close(reason);
		}
	}

}
