package dev.junction.protocol.pairs;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.RelayEvents;
import dev.junction.protocol.LiveCount;
import dev.junction.protocol.ProtocolJson;
import dev.junction.protocol.ProtocolSettings;
import dev.junction.protocol.Refusal;
import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.RelayServices;
import dev.junction.protocol.UpgradeRequest;
import dev.junction.security.AuthPolicy;
import dev.junction.security.SessionOwnership;
import dev.junction.security.VerifiedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

import org.springframework.util.unit.DataSize;

/**
 * The pairs protocol (docs/pairs.md): {@code /desktop/{id}}, {@code /mobile/{id}},
 * {@code /cli/{id}} and {@code /dashboard/{id}} sockets of one session, with messages
 * relayed across the pair.
 */
public class PairsRelayProtocol implements RelayProtocol {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "pairs";

	/** The token claims that bind a token to this protocol. */
	public static final Set<String> BINDING_CLAIMS = Set.of(SessionOwnership.SESSION_CLAIM);

	/** The paths it is served on; the id is checked before the upgrade. */
	public static final List<String> PATHS = List.of("/desktop/**", "/mobile/**", "/cli/**", "/dashboard/**");

	static final String INVALID_PATH = "Invalid path. Use /cli/{sessionId}, /dashboard/{sessionId}, "
			+ "/desktop/{sessionId}, or /mobile/{sessionId}";

	/** The reason logged and counted for a session of another subject. */
	public static final String NOT_OWNER = "session belongs to another subject";

	private static final Log logger = LogFactory.getLog(PairsRelayProtocol.class);

	static final Refusal NOT_ALLOWED = new Refusal(403, "Not allowed to join this session");

	private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9]+");

	private final PairsProperties properties;

	private final PairsProtocol protocol;

	private final PairClaims claims;

	private final RelayEvents events;

	private final boolean requireSessionClaim;

	private final AtomicLong live = new AtomicLong();

	public PairsRelayProtocol(RelayServices services, PairsProperties properties) {
		this.properties = properties;
		this.events = services.events();
		this.requireSessionClaim = services.requireSessionClaim();
		ObjectMapper mapper = ProtocolJson.mapper(maxFrameSize(services.maxFrameSize()));
		PairsEncoder encoder = new PairsEncoder(mapper);
		PairsOptions options = new PairsOptions(properties.getMaxMessageSize().toBytes(),
				properties.getInactivityTimeout(), properties.getSweepInterval(), properties.getMaxSessions());
		this.claims = new PairClaims(services.directory(), services.hub());
		this.protocol = new PairsProtocol(
				new PairRegistry(services.hub(), this.claims, encoder, services.clock(), this.live::addAndGet), encoder,
				mapper, options, services.clock());
	}

	@Override
	public String name() {
		return PROTOCOL;
	}

	@Override
	public ProtocolSettings settings() {
		return this.properties;
	}

	@Override
	public List<String> defaultPaths() {
		return PATHS;
	}

	@Override
	public boolean configurablePaths() {
		return false;
	}

	/**
	 * At least the largest message, so that a message over
	 * {@code junction.protocols.pairs.max-message-size} gets its error reply instead of a
	 * close.
	 */
	@Override
	public int maxFrameSize(DataSize global) {
		return Math.max(RelayProtocol.super.maxFrameSize(global),
				ProtocolSettings.toInt(this.properties.getMaxMessageSize()));
	}

	@Override
	public Set<String> bindingClaims() {
		return BINDING_CLAIMS;
	}

	/**
	 * A token's {@code sid} must name the session when present, and be present when the
	 * setting requires it. The answer is the same whether or not the session is live.
	 */
	@Override
	public @Nullable String refuseToken(UpgradeRequest request, VerifiedToken token) {
		Target target = parse(request.path());
		return SessionOwnership.refuseBinding(token, (target != null) ? target.id() : "", this.requireSessionClaim);
	}

	@Override
	public boolean serves(UpgradeRequest request) {
		return parse(request.path()) != null;
	}

	/**
	 * Refuse a path whose client type or session id is not valid, and a party that may
	 * not join the session (it belongs to another subject, on whichever node its parties
	 * are).
	 * @return HTTP 400 with the original relay's text, HTTP 403, or nothing
	 */
	@Override
	public Mono<Refusal> precheck(UpgradeRequest request) {
		Target target = parse(request.path());
		if (target == null) {
			return Mono.just(new Refusal(400, INVALID_PATH));
		}
		return this.claims.admits(target.id(), request.token()).filter((admitted) -> !admitted).map((refused) -> {
			logger.info("Refused a pairs upgrade: " + NOT_OWNER);
			this.events.refused(NOT_OWNER);
			return NOT_ALLOWED;
		});
	}

	@Override
	public ConnectionHandler open(Connection connection, UpgradeRequest request) {
		Target target = parse(request.path());
		if (target == null) {
			connection.close(CloseReason.NORMAL);
			return ConnectionHandler.IGNORING;
		}
		PairRegistry sessions = this.protocol.sessions();
		if (!sessions.exists(target.id()) && sessions.size() >= this.protocol.options().maxSessions()) {
			connection.abort(CloseReason.TRY_AGAIN_LATER);
			return ConnectionHandler.IGNORING;
		}
		PairsConnection pairs = new PairsConnection(connection, target.type(), this.protocol);
		pairs.attach(target.id(), request.token());
		return pairs;
	}

	/**
	 * The inactivity sweep.
	 */
	@Override
	public List<Disposable> start(Scheduler scheduler) {
		PairsOptions options = this.protocol.options();
		return List.of(Flux.interval(options.sweepInterval(), scheduler)
			.subscribe((tick) -> this.protocol.sessions().closeInactive(options.inactivityTimeout())));
	}

	@Override
	public List<LiveCount> liveCounts() {
		return List.of(new LiveCount("sessions", "sessions", this.live::get));
	}

	@Override
	public Mono<List<String>> members(String group) {
		return this.protocol.sessions().parties(group);
	}

	@Override
	public List<String> startupWarnings() {
		if (this.requireSessionClaim && this.properties.getAuth() != AuthPolicy.REQUIRED) {
			return List.of("junction.security.require-session-claim applies to pairs tokens only: pairs connections "
					+ "without a token (auth: " + this.properties.getAuth().name().toLowerCase(Locale.ROOT)
					+ ") are still let in");
		}
		return List.of();
	}

	public int sessionCount() {
		return this.protocol.sessions().size();
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
