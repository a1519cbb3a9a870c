package dev.junction.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionAttributes;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.Frame;
import dev.junction.core.InboundLimiter;
import dev.junction.core.NodeCounters;
import dev.junction.core.OutboundLimits;
import dev.junction.core.RelayEvents;
import dev.junction.security.AdmissionControl;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Runs a core {@link Connection} over a WebFlux {@link WebSocketSession}: inbound
 * messages become frames for the protocol's {@link ConnectionHandler}, the connection's
 * outbound queue is written to the socket, and closes travel both ways. Outbound frames
 * are wrapped, not copied, so every receiver of a fanned-out frame shares its bytes.
 * {@link WebSocketTransport} carries the core's requests to the session and
 * {@link WebSocketEnding} ends the connection once.
 */
public class WebSocketBridge {

	private static final Log logger = LogFactory.getLog(WebSocketBridge.class);

	private final ConnectionRegistry registry;

	private final NodeCounters counters;

	private final OutboundLimits limits;

	private final Scheduler scheduler;

	private final Duration closeTimeout;

	private final InboundRates inbound;

	private final RelayEvents events;

	public WebSocketBridge(ConnectionRegistry registry, NodeCounters counters, OutboundLimits limits,
			InboundRates inbound, Scheduler scheduler, Duration closeTimeout, RelayEvents events) {
		this.inbound = inbound;
		this.events = events;
		this.registry = registry;
		this.counters = counters;
		this.limits = limits;
		this.scheduler = scheduler;
		this.closeTimeout = closeTimeout;
	}

	/**
	 * Serve one upgraded session until it ends.
	 * @param session the session
	 * @param protocol the protocol name, for logs and meters
	 * @param handlerFactory creates the protocol's handler for the new connection
	 * @return completes when the connection is gone
	 */
	public Mono<Void> serve(WebSocketSession session, String protocol,
			Function<Connection, ConnectionHandler> handlerFactory) {
		Object subject = session.getAttributes().get(ConnectionAttributes.SUBJECT);
		WebSocketTransport transport = new WebSocketTransport(session, this.scheduler, this.closeTimeout);
		Connection connection = new Connection(this.registry.nextId(), protocol, clientAddress(session),
				(subject instanceof String text) ? text : null, this.limits, transport, now());
		InboundLimiter inboundLimiter = new InboundLimiter(this.inbound.messagesPerSecond(),
				this.inbound.bytesPerSecond(), this.inbound.maxFrameSize());
		this.registry.add(connection);
		ConnectionHandler handler;
		try {
			handler = handlerFactory.apply(connection);
		}
		catch (RuntimeException ex) {
			this.registry.remove(connection);
			return Mono.error(ex);
		}
		this.events.opened(protocol);
		if (this.counters.draining().get()) {
			// Upgraded just as the drain began, after it listed the open connections.
			connection.close(CloseReason.SERVER_RESTART);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Opened " + connection + " from " + connection.remoteAddress());
		}
		WebSocketEnding ending = new WebSocketEnding(connection, handler, session, this.registry, this.events);
		InboundPacer pacer = new InboundPacer((message) -> receive(connection, handler, inboundLimiter, message),
				inboundLimiter::nanosUntilCredit, () -> this.events.limitHit("inbound_bytes"), this.scheduler);
		transport.pacer(pacer);
		Mono<Void> inbound = pacer.read(session.receive())
			.then(session.closeStatus().map(CloseStatus::getCode))
			.defaultIfEmpty(CloseReason.ABNORMAL_CLOSURE)
			.onErrorReturn(CloseReason.ABNORMAL_CLOSURE)
			.doOnNext(ending::end)
			.then();
		Mono<Void> outbound = session.send(connection.outbound().map((frame) -> {
			this.events.sent(protocol, frame.kind(), frame.size(), System.nanoTime() - frame.createdNanos());
			return toMessage(session, frame);
		})).onErrorResume((ex) -> Mono.empty()).then(Mono.defer(() -> closeSession(session, connection)));
		return Mono.when(inbound, outbound).doFinally((signal) -> ending.end(CloseReason.ABNORMAL_CLOSURE));
	}

	/**
	 * Hand one inbound message to the protocol.
	 * @return how long reading should pause, in nanoseconds, for a sender over its byte
	 * rate
	 */
	private long receive(Connection connection, ConnectionHandler handler, InboundLimiter inboundLimiter,
			WebSocketMessage message) {
		connection.touch(now());
		WebSocketMessage.Type type = message.getType();
		if ((type != WebSocketMessage.Type.TEXT && type != WebSocketMessage.Type.BINARY) || !connection.isOpen()) {
			return 0;
		}
		int size = message.getPayload().readableByteCount();
		this.events.received(connection.protocol(),
				(type == WebSocketMessage.Type.TEXT) ? Frame.Kind.TEXT : Frame.Kind.BINARY, size);
		if (!inboundLimiter.tryAcquireMessage()) {
			this.events.limitHit("inbound_rate");
			logger.info("Closing " + connection + " from " + connection.remoteAddress() + ": inbound message rate");
			connection.abort(CloseReason.RATE_LIMITED);
			return 0;
		}
		long pause = inboundLimiter.consumeBytes(size);
		this.counters.messages().incrementAndGet();
		DataBuffer payload = message.getPayload();
		Frame frame;
		if (type == WebSocketMessage.Type.BINARY && handler.forwardsBinaryAsIs()) {
			// The network buffer goes on as is; the inbound side releases it after this
			// returns, so the frame holds a reference of its own.
			DataBuffer retained = DataBufferUtils.retain(payload);
			frame = Frame.external(Frame.Kind.BINARY, retained, retained.readableByteCount(),
					() -> DataBufferUtils.release(retained));
		}
		else {
			byte[] bytes = new byte[payload.readableByteCount()];
			payload.read(bytes);
			frame = (type == WebSocketMessage.Type.TEXT) ? Frame.text(bytes) : Frame.binary(bytes);
		}
		try {
			handler.onFrame(frame);
		}
		catch (RuntimeException ex) {
			logger.error("Handler failed on " + connection + "; closing it", ex);
			connection.abort(CloseReason.INTERNAL_ERROR);
		}
		return pause;
	}

	private static WebSocketMessage toMessage(WebSocketSession session, Frame frame) {
		if (frame.buffer() instanceof DataBuffer buffer) {
			// Ownership passes to the network layer, which releases it once written.
			WebSocketMessage.Type type = frame.isText() ? WebSocketMessage.Type.TEXT : WebSocketMessage.Type.BINARY;
			return new WebSocketMessage(type, buffer);
		}
		return switch (frame.kind()) {
			case TEXT -> new WebSocketMessage(WebSocketMessage.Type.TEXT, session.bufferFactory().wrap(frame.bytes()));
			case BINARY ->
				new WebSocketMessage(WebSocketMessage.Type.BINARY, session.bufferFactory().wrap(frame.bytes()));
			case PING -> session.pingMessage((factory) -> factory.wrap(frame.bytes()));
		};
	}

	private static Mono<Void> closeSession(WebSocketSession session, Connection connection) {
		CloseReason reason = connection.closeReason();
		if (reason == null || !session.isOpen()) {
			return Mono.empty();
		}
		return session.close(new CloseStatus(reason.code(), reason.reason())).onErrorResume((ex) -> Mono.empty());
	}

	private long now() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

	private static String clientAddress(WebSocketSession session) {
		Object resolved = session.getAttributes().get(ConnectionAttributes.CLIENT_ADDRESS);
		if (resolved instanceof String text) {
			return text;
		}
		return AdmissionControl.peerAddress(session.getHandshakeInfo().getRemoteAddress());
	}

	/**
	 * Each connection's inbound allowance.
	 *
	 * @param messagesPerSecond messages per second
	 * @param bytesPerSecond bytes per second
	 * @param maxFrameSize the largest frame, which always fits the byte allowance
	 */
	public record InboundRates(long messagesPerSecond, long bytesPerSecond, long maxFrameSize) {
	}

}
