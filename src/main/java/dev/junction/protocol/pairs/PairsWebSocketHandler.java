package dev.junction.protocol.pairs;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.junction.channel.ChannelHub;
import dev.junction.core.CloseReason;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.NodeCounters;
import dev.junction.core.RelayEvents;
import dev.junction.security.SessionOwnership;
import dev.junction.security.TokenSources;
import dev.junction.security.VerifiedToken;
import dev.junction.web.HttpRefusal;
import dev.junction.web.WebSocketBridge;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.ServerWebExchange;

/**
 * The pairs protocol (the README's Pairs section): {@code /desktop/{id}},
 * {@code /mobile/{id}}, {@code /cli/{id}} and {@code /dashboard/{id}} sockets of one
 * session, with messages relayed across the pair.
 */
public class PairsWebSocketHandler implements WebSocketHandler {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "pairs";

	/** The paths it is served on; the id is checked by {@link #precheck}. */
	public static final List<String> PATHS = List.of("/desktop/**", "/mobile/**", "/cli/**", "/dashboard/**");

	static final String INVALID_PATH = "Invalid path. Use /cli/{sessionId}, /dashboard/{sessionId}, "
			+ "/desktop/{sessionId}, or /mobile/{sessionId}";

	/** The reason logged and counted for a session of another subject. */
	public static final String NOT_OWNER = "session belongs to another subject";

	private static final Log logger = LogFactory.getLog(PairsWebSocketHandler.class);

	static final HttpRefusal NOT_ALLOWED = new HttpRefusal(HttpStatus.FORBIDDEN, "Not allowed to join this session");

	private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9]+");

	private final WebSocketBridge bridge;

	private final PairsProtocol protocol;

	private final RelayEvents events;

	public PairsWebSocketHandler(WebSocketBridge bridge, ChannelHub hub, NodeCounters counters, ObjectMapper mapper,
			Clock clock, PairsOptions options, RelayEvents events) {
		this.bridge = bridge;
		this.events = events;
		PairsEncoder encoder = new PairsEncoder(mapper);
		this.protocol = new PairsProtocol(new PairRegistry(hub, encoder, clock, counters.sessions()::addAndGet),
				encoder, mapper, options, clock);
	}

	/**
	 * Browsers send their token as the subprotocol pair {@code bearer, <jwt>}; the
	 * handshake then selects {@code bearer}.
	 */
	@Override
	public List<String> getSubProtocols() {
		return List.of(TokenSources.BEARER_PROTOCOL);
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		Target target = parse(session.getHandshakeInfo().getUri().getRawPath());
		if (target == null) {
			return session.close();
		}
		VerifiedToken token = VerifiedToken.from(session.getAttributes());
		return this.bridge.serve(session, PROTOCOL, (connection) -> {
			PairRegistry sessions = this.protocol.sessions();
			if (!sessions.exists(target.id()) && sessions.size() >= this.protocol.options().maxSessions()) {
				connection.abort(CloseReason.TRY_AGAIN_LATER);
				return ConnectionHandler.IGNORING;
			}
			PairSession pair = sessions.attach(target.id(), target.type(), connection, token);
			if (pair == null) {
				// Another subject opened the session after this upgrade's check.
				connection.close(CloseReason.NOT_AUTHORIZED);
				return ConnectionHandler.IGNORING;
			}
			return new PairsConnection(connection, target.type(), pair, this.protocol);
		});
	}

	/**
	 * Refuse, before the upgrade, a path whose client type or session id is not valid,
	 * and a party that may not join the session (it belongs to another subject).
	 * @param exchange the upgrade request, with its verified token if any
	 * @return HTTP 400 with the original relay's text, HTTP 403, or nothing
	 */
	public Optional<HttpRefusal> precheck(ServerWebExchange exchange) {
		Target target = parse(exchange.getRequest().getPath().value());
		if (target == null) {
			return Optional.of(new HttpRefusal(HttpStatus.BAD_REQUEST, INVALID_PATH));
		}
		if (!SessionOwnership.admits(this.protocol.sessions().owner(target.id()),
				VerifiedToken.from(exchange.getAttributes()), target.id())) {
			logger.info("Refused a pairs upgrade: " + NOT_OWNER);
			this.events.refused(NOT_OWNER);
			return Optional.of(NOT_ALLOWED);
		}
		return Optional.empty();
	}

	/**
	 * Start the inactivity sweep.
	 * @param scheduler the scheduler of the sweep
	 * @return the running sweep
	 */
	public Disposable startInactivitySweep(Scheduler scheduler) {
		PairsOptions options = this.protocol.options();
		return Flux.interval(options.sweepInterval(), scheduler)
			.subscribe((tick) -> this.protocol.sessions().closeInactive(options.inactivityTimeout()));
	}

	public int sessionCount() {
		return this.protocol.sessions().size();
	}

	/**
	 * The session id of a pairs path.
	 * @param path the request path
	 * @return the id, or {@code null} for a path the protocol refuses
	 */
	public static @Nullable String sessionId(String path) {
		Target target = parse(path);
		return (target != null) ? target.id() : null;
	}

	private static @Nullable Target parse(String path) {
		String[] segments = path.split("/", -1);
		if (segments.length != 3 || !segments[0].isEmpty()) {
			return null;
		}
		ClientType type = ClientType.fromPath(segments[1]);
		if (type == null || !SESSION_ID.matcher(segments[2]).matches()) {
			return null;
		}
		return new Target(type, segments[2]);
	}

	private record Target(ClientType type, String id) {
	}

}
