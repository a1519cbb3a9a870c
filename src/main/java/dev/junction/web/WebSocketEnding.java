package dev.junction.web;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.RelayEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Ends a bridged connection exactly once, whichever side closed it: the close code
 * recorded is the server's reason, else the one the session sent below the core, else the
 * client's; the connection leaves the registry, and the protocol's handler is told.
 */
final class WebSocketEnding {

	// Logged under WebSocketBridge, where the rest of a connection's life is logged.
	private static final Log logger = LogFactory.getLog(WebSocketBridge.class);

	private final AtomicBoolean ended = new AtomicBoolean();

	private final Connection connection;

	private final ConnectionHandler handler;

	private final WebSocketSession session;

	private final ConnectionRegistry registry;

	private final RelayEvents events;

	WebSocketEnding(Connection connection, ConnectionHandler handler, WebSocketSession session,
			ConnectionRegistry registry, RelayEvents events) {
		this.connection = connection;
		this.handler = handler;
		this.session = session;
		this.registry = registry;
		this.events = events;
	}

	void end(int clientCode) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		CloseReason serverReason = this.connection.closeReason();
		Integer belowSession = (this.session instanceof JunctionWebSocketSession junctionSession)
				? junctionSession.serverCloseCode() : null;
		int code = (serverReason != null) ? serverReason.code() : (belowSession != null) ? belowSession : clientCode;
		this.registry.remove(this.connection);
		this.connection.markClosed();
		this.events.closed(this.connection.protocol(), code);
		if (CloseReason.SLOW_CONSUMER.equals(serverReason)) {
			this.events.limitHit("slow_consumer");
		}
		else if (code == CloseReason.TOO_BIG.code()) {
			this.events.limitHit("frame_size");
		}
		try {
			this.handler.onClose(code);
		}
		catch (RuntimeException ex) {
			logger.error("Handler failed while closing " + this.connection, ex);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Closed " + this.connection + " with " + code);
		}
	}

}
