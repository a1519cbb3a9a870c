package dev.junction.protocol.tunnel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.junction.cluster.Directory;
import dev.junction.core.NodeCounters;
import dev.junction.core.RelayEvents;
import dev.junction.security.AuthFailures;
import dev.junction.security.JwtVerifier;
import dev.junction.security.SessionOwnership;
import dev.junction.security.TokenSources;
import dev.junction.security.VerifiedToken;
import dev.junction.web.HttpRefusal;
import dev.junction.web.WebSocketBridge;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.ServerWebExchange;

/**
 * The tunnel protocol (the README's Tunnel section): {@code /relay/{sessionId}}, two
 * authenticated parties exchanging binary frames byte for byte, with the
 * {@code junction.tunnel.stats} line at the end of every session.
 */
public class TunnelWebSocketHandler implements WebSocketHandler {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "tunnel";

	/** The path it is served on. */
	public static final String PATH = "/relay/*";

	private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

	private final WebSocketBridge bridge;

	private final TunnelProtocol protocol;

	private final RelayEvents events;

	public TunnelWebSocketHandler(WebSocketBridge bridge, Directory directory, JwtVerifier verifier,
			NodeCounters counters, ObjectMapper mapper, Scheduler scheduler, Clock clock, TunnelOptions options,
			RelayEvents events) {
		this(bridge, directory, verifier, counters, mapper, scheduler, clock, options, events, AuthFailures.NONE);
	}

	public TunnelWebSocketHandler(WebSocketBridge bridge, Directory directory, JwtVerifier verifier,
			NodeCounters counters, ObjectMapper mapper, Scheduler scheduler, Clock clock, TunnelOptions options,
			RelayEvents events, AuthFailures authFailures) {
		this.bridge = bridge;
		this.events = events;
		TunnelRegistry registry = new TunnelRegistry(directory, options, new TunnelStats(mapper, events), scheduler,
				clock, counters.sessions()::addAndGet);
		this.protocol = new TunnelProtocol(registry, verifier, mapper, scheduler, options, authFailures);
	}

	@Override
	public List<String> getSubProtocols() {
		return List.of(TokenSources.BEARER_PROTOCOL);
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		String id = sessionId(session.getHandshakeInfo().getUri().getRawPath());
		if (id == null) {
			return session.close();
		}
		VerifiedToken token = VerifiedToken.from(session.getAttributes());
		return this.bridge.serve(session, PROTOCOL,
				(connection) -> new TunnelConnection(connection, id, token, this.protocol));
	}

	/**
	 * Refuse, before the upgrade, a path whose session id is not valid, and a party whose
	 * handshake token may not join the session (it belongs to another subject). A token
	 * that comes in the {@code auth} frame is checked when it arrives.
	 * @param exchange the upgrade request, with its verified token if any
	 * @return HTTP 400, HTTP 403, or nothing
	 */
	public Optional<HttpRefusal> precheck(ServerWebExchange exchange) {
		String id = sessionId(exchange.getRequest().getPath().value());
		if (id == null) {
			return Optional.of(new HttpRefusal(HttpStatus.BAD_REQUEST,
					"Invalid session id: 1 to 128 characters of A-Z a-z 0-9 . _ ~ -"));
		}
		VerifiedToken token = VerifiedToken.from(exchange.getAttributes());
		if (token != null && !SessionOwnership.admits(this.protocol.registry().owner(id), token, id)) {
			LogFactory.getLog(TunnelWebSocketHandler.class)
				.info("Refused a tunnel upgrade: session belongs to another subject");
			this.events.refused("session belongs to another subject");
			return Optional.of(new HttpRefusal(HttpStatus.FORBIDDEN, "Not allowed to join this session"));
		}
		return Optional.empty();
	}

	/**
	 * The percent-decoded session id of a tunnel path.
	 * @param path the raw request path
	 * @return the id, or {@code null} when it is not valid
	 */
	public static @Nullable String sessionId(String path) {
		if (!path.startsWith("/relay/")) {
			return null;
		}
		String raw = path.substring("/relay/".length());
		if (raw.contains("/") || raw.contains("+")) {
			return null;
		}
		try {
			String id = URLDecoder.decode(raw, StandardCharsets.UTF_8);
			return SESSION_ID.matcher(id).matches() ? id : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	public int sessionCount() {
		return this.protocol.registry().size();
	}

}
