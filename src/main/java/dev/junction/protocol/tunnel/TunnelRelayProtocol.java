package dev.junction.protocol.tunnel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.junction.cluster.Pipes;
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
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.util.unit.DataSize;

/**
 * The tunnel protocol (docs/tunnel.md): {@code /relay/{sessionId}}, two authenticated
 * parties exchanging binary frames byte for byte, with the {@code junction.tunnel.stats}
 * line at the end of every session. It always requires a token, at the handshake or in
 * its first frame.
 */
public class TunnelRelayProtocol implements RelayProtocol {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "tunnel";

	/** The token claims that bind a token to this protocol. */
	public static final Set<String> BINDING_CLAIMS = Set.of(SessionOwnership.SESSION_CLAIM);

	/** The path it is served on. */
	public static final String PATH = "/relay/*";

	private static final DataSize DEFAULT_MAX_FRAME_SIZE = DataSize.ofMegabytes(16);

	private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

	private static final Log logger = LogFactory.getLog(TunnelRelayProtocol.class);

	private final TunnelProperties properties;

	private final TunnelProtocol protocol;

	private final TunnelStats stats;

	private final RelayEvents events;

	private final boolean requireSessionClaim;

	private final AtomicLong live = new AtomicLong();

	public TunnelRelayProtocol(RelayServices services, TunnelProperties properties) {
		this(services, properties, null, "");
	}

	/**
	 * Create the protocol.
	 * @param services what the node lends
	 * @param properties the tunnel's settings
	 * @param pipes carry sessions whose parties are on two nodes, or {@code null} for a
	 * node whose second parties give way when another node holds their session
	 * @param node this node's id
	 */
	public TunnelRelayProtocol(RelayServices services, TunnelProperties properties, @Nullable Pipes pipes,
			String node) {
		this.properties = properties;
		this.events = services.events();
		this.requireSessionClaim = services.requireSessionClaim();
		ObjectMapper mapper = ProtocolJson.mapper(maxFrameSize(services.maxFrameSize()));
		TunnelOptions options = new TunnelOptions(properties.getBufferSize().toBytes(), properties.getWaitTimeout(),
				properties.getAuthTimeout(), properties.getIdleTimeout(), services.requireSessionClaim());
		this.stats = new TunnelStats(mapper);
		TunnelRegistry registry = new TunnelRegistry(services.directory(), pipes, node, options, this.stats,
				services.scheduler(), services.clock(), this.live::addAndGet);
		this.protocol = new TunnelProtocol(registry, services.verifier(), mapper, services.scheduler(), options,
				services.authFailures(), services.claimScope());
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
		return List.of(PATH);
	}

	@Override
	public boolean configurablePaths() {
		return false;
	}

	@Override
	public @Nullable DataSize defaultMaxFrameSize() {
		return DEFAULT_MAX_FRAME_SIZE;
	}

	@Override
	public AuthPolicy authPolicy() {
		return AuthPolicy.REQUIRED;
	}

	@Override
	public boolean inBandToken() {
		return true;
	}

	@Override
	public Set<String> bindingClaims() {
		return BINDING_CLAIMS;
	}

	@Override
	public @Nullable String refuseToken(UpgradeRequest request, VerifiedToken token) {
		String id = sessionId(request.path());
		return SessionOwnership.refuseBinding(token, (id != null) ? id : "", this.requireSessionClaim);
	}

	@Override
	public boolean serves(UpgradeRequest request) {
		return sessionId(request.path()) != null;
	}

	/**
	 * Refuse a path whose session id is not valid, and a party whose handshake token may
	 * not join the session (it belongs to another subject). A token that comes in the
	 * {@code auth} frame is checked when it arrives.
	 * @return HTTP 400, HTTP 403, or nothing
	 */
	@Override
	public Mono<Refusal> precheck(UpgradeRequest request) {
		String id = sessionId(request.path());
		if (id == null) {
			return Mono.just(new Refusal(400, "Invalid session id: 1 to 128 characters of A-Z a-z 0-9 . _ ~ -"));
		}
		VerifiedToken token = request.token();
		if (token != null && !SessionOwnership.admits(this.protocol.registry().owner(id), token, id)) {
			logger.info("Refused a tunnel upgrade: session belongs to another subject");
			this.events.refused("session belongs to another subject");
			return Mono.just(new Refusal(403, "Not allowed to join this session"));
		}
		return Mono.empty();
	}

	@Override
	public ConnectionHandler open(Connection connection, UpgradeRequest request) {
		String id = sessionId(request.path());
		if (id == null) {
			connection.close(CloseReason.NORMAL);
			return ConnectionHandler.IGNORING;
		}
		return new TunnelConnection(connection, id, request.token(), this.protocol);
	}

	@Override
	public List<LiveCount> liveCounts() {
		return List.of(new LiveCount("sessions", "sessions", this.live::get));
	}

	@Override
	public void bindMeters(MeterRegistry registry) {
		this.stats.bindMeters(registry);
	}

	@Override
	public List<String> startupWarnings() {
		if (this.properties.getAuth() != AuthPolicy.REQUIRED) {
			return List.of("junction.protocols.tunnel.auth=" + this.properties.getAuth().name().toLowerCase(Locale.ROOT)
					+ " is ignored: the tunnel always requires a token");
		}
		return List.of();
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
