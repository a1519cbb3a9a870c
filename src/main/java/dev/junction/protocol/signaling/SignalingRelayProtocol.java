package dev.junction.protocol.signaling;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.protocol.LiveCount;
import dev.junction.protocol.ProtocolJson;
import dev.junction.protocol.ProtocolSettings;
import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.RelayServices;
import dev.junction.protocol.UpgradeRequest;
import dev.junction.security.ClaimScope;
import dev.junction.security.JwtVerifier;
import dev.junction.security.VerifiedToken;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The signaling protocol (docs/signaling.md): WebRTC signaling with rooms made over HTTP,
 * peer discovery by role, tags and properties, and directed messages within a room. The
 * user token comes in {@code register}; a token sent at the handshake was verified there.
 * Legacy clients connect to the bare host {@code /} and pick it with a first
 * {@code register}.
 */
public class SignalingRelayProtocol implements RelayProtocol {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "signaling";

	/** The token claims that bind a token to this protocol. */
	public static final Set<String> BINDING_CLAIMS = Set.of("role", ClaimScope.ANONYMOUS_CLAIM);

	/** The WebSocket path. */
	public static final String PATH = "/signaling";

	private static final DataSize DEFAULT_MAX_FRAME_SIZE = DataSize.ofMegabytes(1);

	private final SignalingProperties properties;

	private final SignalingDecoder decoder;

	private final SignalingEncoder encoder;

	private final PeerStore store;

	private final PeerRegistry peers;

	private final SignalingRooms rooms;

	private final JwtVerifier verifier;

	private final SignalingOptions options;

	private final SignalingHttp http;

	private final SignalingCounters counters = new SignalingCounters();

	private final SignalingGuard guard;

	private final Clock clock;

	private final ClaimScope claimScope;

	private Function<String, Mono<VerifiedToken>> userTokens;

	public SignalingRelayProtocol(RelayServices services, SignalingProperties properties) {
		this.properties = properties;
		this.clock = services.clock();
		this.claimScope = services.claimScope();
		// Numbers keep their exact text: payloads pass through, and 1 equals 1.0 in
		// filters.
		ObjectMapper exact = ProtocolJson.mapper(maxFrameSize(services.maxFrameSize()))
			.rebuild()
			.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build();
		this.options = options(properties);
		this.decoder = new SignalingDecoder(exact);
		this.encoder = new SignalingEncoder(exact);
		this.store = new PeerStore(services.presence(), services.hub().node(), exact);
		this.peers = new PeerRegistry(services.hub(), services.directory(), this.store, this.encoder, this.counters,
				this.clock, services.scheduler(), this.options);
		this.rooms = new SignalingRooms(services.store(), this.clock, this.options.roomTtl());
		this.verifier = services.verifier();
		this.userTokens = this.verifier::verify;
		this.guard = new SignalingGuard(limits(properties), services.authFailures(), services.events());
		this.http = new SignalingHttp(this, this.counters);
	}

	private static SignalingOptions options(SignalingProperties properties) {
		return new SignalingOptions(properties.getAuth(), properties.getPingInterval(), properties.getRoomTtl(),
				properties.getIceServers()
					.stream()
					.map((server) -> new SignalingOptions.IceServer(server.getUrls(), server.getUsername(),
							server.getCredential()))
					.toList(),
				properties.isAnonymousSignin(), properties.getAnonymousTokenLifetime(),
				new MetadataLimits(properties.getMaxTags(), ProtocolSettings.toInt(properties.getMaxMetadataSize())));
	}

	private static SignalingLimits limits(SignalingProperties properties) {
		return new SignalingLimits(properties.getCreateRoomsPerMinutePerAddress(),
				properties.getCreateRoomsPerMinutePerSubject(), properties.getAnonymousSigninsPerMinutePerAddress(),
				properties.getFailedJoinsPerMinutePerAddress(), properties.getMaxRooms());
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
	public @Nullable DataSize defaultMaxFrameSize() {
		return DEFAULT_MAX_FRAME_SIZE;
	}

	/**
	 * The user token comes in {@code register}.
	 */
	@Override
	public boolean inBandToken() {
		return true;
	}

	@Override
	public Set<String> bindingClaims() {
		return BINDING_CLAIMS;
	}

	@Override
	public ConnectionHandler open(Connection connection, UpgradeRequest request) {
		return new SignalingConnection(connection, request.token(), this);
	}

	@Override
	public @Nullable String rootMessageType() {
		return "register";
	}

	@Override
	public List<LiveCount> liveCounts() {
		return List.of(new LiveCount("signaling_rooms", null, () -> this.counters.rooms().get()));
	}

	@Override
	public void bindMeters(MeterRegistry registry) {
		FunctionCounter.builder("junction.signaling.dropped", this.counters, (counters) -> counters.dropped().get())
			.description("Legacy signaling messages (offer, answer, candidate) dropped without a reply")
			.register(registry);
	}

	/**
	 * {@code POST /create-room}, {@code POST /anonymous-signin} (when enabled),
	 * {@code POST /delete-peer}, each checking its bearer token itself, and
	 * {@code GET /metrics}.
	 */
	@Override
	public RouterFunction<ServerResponse> routes() {
		return this.http.routes();
	}

	@Override
	public Mono<List<String>> members(String group) {
		return this.store.peers(group)
			.filter((peers) -> !peers.isEmpty())
			.map((peers) -> peers.stream().map(PeerStore.StoredPeer::peerId).toList());
	}

	@Override
	public List<String> startupWarnings() {
		if (this.properties.isAnonymousSignin()) {
			return List.of("Anonymous sign-in is on (junction.protocols.signaling.anonymous-signin=true): "
					+ "anyone can get a token at POST /anonymous-signin; such tokens open signaling only");
		}
		return List.of();
	}

	/**
	 * The number of peers registered on this node.
	 * @return the count
	 */
	public int peerCount() {
		return this.peers.size();
	}

	Clock clock() {
		return this.clock;
	}

	ClaimScope claimScope() {
		return this.claimScope;
	}

	SignalingDecoder decoder() {
		return this.decoder;
	}

	SignalingEncoder encoder() {
		return this.encoder;
	}

	PeerStore store() {
		return this.store;
	}

	PeerRegistry peers() {
		return this.peers;
	}

	SignalingRooms rooms() {
		return this.rooms;
	}

	/**
	 * Verify the user token of a {@code register}.
	 */
	Mono<VerifiedToken> verifyUserToken(String token) {
		return this.userTokens.apply(token);
	}

	/**
	 * Replace how {@code register}'s user tokens are verified, so that a test can
	 * complete a verification when it chooses.
	 */
	void verifyUserTokensWith(Function<String, Mono<VerifiedToken>> userTokens) {
		this.userTokens = userTokens;
	}

	JwtVerifier verifier() {
		return this.verifier;
	}

	SignalingCounters counters() {
		return this.counters;
	}

	SignalingOptions options() {
		return this.options;
	}

	SignalingGuard guard() {
		return this.guard;
	}

}
