package dev.junction.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.UpgradeRequest;
import dev.junction.security.AuthPolicy;
import dev.junction.security.ClaimScope;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One connection on {@code /} until its first frame picks a protocol: frames that pick
 * none are dropped (the topics behaviour for unknown messages), within a limit of frames
 * and time after which the connection is closed 1008.
 */
final class RootDispatch implements ConnectionHandler {

	static final CloseReason NOT_CHOSEN = new CloseReason(1008, "no protocol chosen");

	static final CloseReason AUTHENTICATION_REQUIRED = new CloseReason(1008, "authentication required");

	private final Connection connection;

	private final UpgradeRequest request;

	private final Settings settings;

	private final Disposable timer;

	private int frames;

	private volatile @Nullable ConnectionHandler chosen;

	RootDispatch(Connection connection, UpgradeRequest request, Settings settings) {
		this.connection = connection;
		this.request = request;
		this.settings = settings;
		this.timer = settings.scheduler()
			.schedule(this::timedOut, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void onFrame(Frame frame) {
		ConnectionHandler handler = this.chosen;
		if (handler != null) {
			handler.onFrame(frame);
			return;
		}
		String type = frame.isText() ? type(frame) : null;
		RelayProtocol protocol = (type != null) ? this.settings.protocols().get(type) : null;
		if (protocol == null) {
			if (++this.frames >= this.settings.maxFrames()) {
				this.connection.close(NOT_CHOSEN);
			}
			return;
		}
		this.timer.dispose();
		VerifiedToken token = this.request.token();
		boolean tokensIgnored = protocol.authPolicy() == AuthPolicy.NONE;
		if (!tokensIgnored && token == null && protocol.authPolicy() == AuthPolicy.REQUIRED
				&& !protocol.inBandToken()) {
			this.connection.close(AUTHENTICATION_REQUIRED);
			return;
		}
		if (!tokensIgnored && token != null && !this.settings.claimScope().opens(token, protocol.name())) {
			// A handshake token is scoped like on the protocol's own path.
			this.connection.close(CloseReason.NOT_AUTHORIZED);
			return;
		}
		if (!protocol.inBandToken()) {
			this.connection.authenticated();
		}
		handler = protocol.open(this.connection, this.request);
		this.chosen = handler;
		handler.onFrame(frame);
	}

	@Override
	public void onClose(int code) {
		this.timer.dispose();
		ConnectionHandler handler = this.chosen;
		if (handler != null) {
			handler.onClose(code);
		}
	}

	private void timedOut() {
		if (this.chosen == null) {
			this.connection.close(NOT_CHOSEN);
		}
	}

	private @Nullable String type(Frame frame) {
		try {
			JsonNode message = this.settings.mapper().readTree(frame.bytes());
			JsonNode type = (message != null && message.isObject()) ? message.get("type") : null;
			return (type != null && type.isString()) ? type.stringValue() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * What every connection on {@code /} shares.
	 */
	record Settings(Map<String, RelayProtocol> protocols, ClaimScope claimScope, ObjectMapper mapper,
			Scheduler scheduler, int maxFrames, Duration timeout) {
	}

}
