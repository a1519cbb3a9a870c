package dev.junction.protocol.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.security.SessionOwnership;
import dev.junction.security.TokenRejectedException;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One tunnel party. With a handshake token it joins its session at once; without one it
 * waits (for the authentication timeout) for a first text frame
 * {@code {"type":"auth","token":"..."}}, processes nothing else until that token is
 * verified, and then joins.
 */
final class TunnelConnection implements ConnectionHandler {

	private static final Frame AUTHENTICATION_FAILED = Frame
		.text("{\"type\":\"error\",\"message\":\"Authentication failed\"}");

	private final Connection connection;

	private final String sessionId;

	private final TunnelProtocol protocol;

	private final List<Frame> pending = new ArrayList<>();

	private long pendingBytes;

	private @Nullable TunnelSession session;

	private boolean verifying;

	private boolean closed;

	private @Nullable Disposable authTimer;

	TunnelConnection(Connection connection, String sessionId, @Nullable VerifiedToken handshakeToken,
			TunnelProtocol protocol) {
		this.connection = connection;
		this.sessionId = sessionId;
		this.protocol = protocol;
		if (handshakeToken != null) {
			join(handshakeToken, CloseReason.NOT_AUTHORIZED);
		}
		else {
			this.authTimer = protocol.scheduler()
				.schedule(this::authenticationTimedOut, protocol.options().authTimeout().toMillis(),
						TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public boolean forwardsBinaryAsIs() {
		return true;
	}

	@Override
	public synchronized void onFrame(Frame frame) {
		if (this.session != null) {
			this.protocol.registry().forward(this.session, this.connection, frame);
		}
		else if (this.verifying) {
			if (this.pendingBytes + frame.size() > this.protocol.options().bufferSize()) {
				frame.release();
				this.connection.abort(CloseReason.BUFFER_FULL);
				return;
			}
			this.pending.add(frame);
			this.pendingBytes += frame.size();
		}
		else if (frame.isText()) {
			authenticate(frame);
		}
		else {
			frame.release();
		}
	}

	private void authenticate(Frame frame) {
		String address = this.connection.remoteAddress();
		if (this.protocol.authFailures().isLockedOut(address)) {
			// Over the failed-authentication limit: refused unchecked, as an upgrade is.
			fail();
			return;
		}
		String token = authToken(frame);
		if (token == null) {
			refused("missing token");
			return;
		}
		this.verifying = true;
		this.protocol.verifier().verify(token).subscribe(this::verified, (ex) -> {
			if (!(ex instanceof TokenRejectedException)) {
				org.apache.commons.logging.LogFactory.getLog(TunnelConnection.class)
					.warn("Token verification failed unexpectedly", ex);
			}
			synchronized (this) {
				refused((ex instanceof TokenRejectedException rejected) ? rejected.reason() : "invalid token");
			}
		});
	}

	private synchronized void verified(VerifiedToken token) {
		if (!this.protocol.claimScope().opens(token, TunnelRelayProtocol.PROTOCOL)
				|| !token.allows(SessionOwnership.SESSION_CLAIM, this.sessionId)
				|| (this.protocol.options().requireSessionClaim()
						&& !SessionOwnership.namesSession(token, this.sessionId))) {
			refused("token not valid for this session");
			return;
		}
		join(token, null);
	}

	/**
	 * Join the session. Frames that arrive meanwhile wait, and are handled once joined.
	 * @param token the verified token
	 * @param notAllowed the close reason when the session belongs to another subject, or
	 * {@code null} for the in-band authentication error
	 */
	private void join(VerifiedToken token, @Nullable CloseReason notAllowed) {
		if (this.authTimer != null) {
			this.authTimer.dispose();
			this.authTimer = null;
		}
		this.verifying = true;
		this.protocol.registry()
			.join(this.sessionId, this.connection, token)
			.subscribe((joining) -> joined(joining, notAllowed), this::joinFailed);
	}

	private synchronized void joined(TunnelRegistry.Joining joining, @Nullable CloseReason notAllowed) {
		this.verifying = false;
		TunnelSession joinedSession = joining.session();
		if (joinedSession != null) {
			if (this.closed) {
				// Closed while joining: its close came before the session it would end.
				this.protocol.registry().closed(joinedSession, this.connection);
				return;
			}
			this.session = joinedSession;
			this.connection.authenticated();
			List<Frame> early = new ArrayList<>(this.pending);
			this.pending.clear();
			this.pendingBytes = 0;
			early.forEach(this::onFrame);
		}
		else if (!joining.notAllowed()) {
			releasePending();
			this.connection.close(CloseReason.SESSION_FULL);
		}
		else if (notAllowed != null) {
			releasePending();
			this.connection.close(notAllowed);
		}
		else {
			fail();
		}
	}

	private synchronized void joinFailed(Throwable error) {
		// The cluster refused (a backplane down, say): the session cannot be reached.
		org.apache.commons.logging.LogFactory.getLog(TunnelConnection.class)
			.warn(this.connection + " could not join its session: " + error.getMessage());
		this.verifying = false;
		releasePending();
		this.connection.close(CloseReason.INTERNAL_ERROR);
	}

	private void refused(String reason) {
		this.protocol.authFailures().record(TunnelRelayProtocol.PROTOCOL, this.connection.remoteAddress(), reason);
		fail();
	}

	private void fail() {
		this.verifying = false;
		releasePending();
		this.connection.send(AUTHENTICATION_FAILED);
		this.connection.close(CloseReason.AUTHENTICATION_FAILED);
	}

	private void releasePending() {
		this.pending.forEach(Frame::release);
		this.pending.clear();
		this.pendingBytes = 0;
	}

	private synchronized void authenticationTimedOut() {
		if (this.session == null && this.connection.isOpen()) {
			this.connection.close(CloseReason.AUTHENTICATION_TIMEOUT);
		}
	}

	private @Nullable String authToken(Frame frame) {
		try {
			JsonNode message = this.protocol.mapper().readTree(frame.bytes());
			if (message != null && message.isObject() && "auth".equals(message.path("type").asString(""))
					&& message.path("token").isString() && !message.path("token").stringValue().isEmpty()) {
				return message.path("token").stringValue();
			}
		}
		catch (JacksonException ex) {
			// Not JSON: not an auth frame.
		}
		return null;
	}

	@Override
	public synchronized void onClose(int code) {
		this.closed = true;
		if (this.authTimer != null) {
			this.authTimer.dispose();
		}
		releasePending();
		if (this.session != null) {
			this.protocol.registry().closed(this.session, this.connection);
		}
	}

}
