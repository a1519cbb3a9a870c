package dev.junction.protocol.signaling;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Directory;
import dev.junction.cluster.ExpiringStore;
import dev.junction.cluster.Presence;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionAdopter;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.NodeCounters;
import dev.junction.core.RelayEvents;
import dev.junction.core.SignalingCounters;
import dev.junction.security.AuthFailures;
import dev.junction.security.JwtVerifier;
import dev.junction.security.TokenSources;
import dev.junction.security.VerifiedToken;
import dev.junction.web.WebSocketBridge;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The signaling protocol (docs/signaling.md): WebRTC signaling with rooms made over HTTP,
 * peer discovery by role, tags and properties, and directed messages within a room. The
 * user token comes in {@code register}; a token sent at the handshake was verified there.
 */
public class SignalingWebSocketHandler implements WebSocketHandler, ConnectionAdopter {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "signaling";

	/** The WebSocket path. */
	public static final String PATH = "/signaling";

	private final WebSocketBridge bridge;

	private final SignalingDecoder decoder;

	private final SignalingEncoder encoder;

	private final PeerStore store;

	private final PeerRegistry peers;

	private final SignalingRooms rooms;

	private final JwtVerifier verifier;

	private final SignalingOptions options;

	private final SignalingHttp http;

	private final SignalingCounters counters;

	private final SignalingGuard guard;

	private Function<String, Mono<VerifiedToken>> userTokens;

	public SignalingWebSocketHandler(WebSocketBridge bridge, ChannelHub hub, Directory directory, Presence presence,
			ExpiringStore roomStore, NodeCounters counters, ObjectMapper mapper, JwtVerifier verifier, Clock clock,
			Scheduler scheduler, SignalingOptions options) {
		this(bridge, hub, directory, presence, roomStore, counters, mapper, verifier, clock, scheduler, options,
				SignalingLimits.UNLIMITED, AuthFailures.NONE, RelayEvents.NONE);
	}

	public SignalingWebSocketHandler(WebSocketBridge bridge, ChannelHub hub, Directory directory, Presence presence,
			ExpiringStore roomStore, NodeCounters counters, ObjectMapper mapper, JwtVerifier verifier, Clock clock,
			Scheduler scheduler, SignalingOptions options, SignalingLimits limits, AuthFailures authFailures,
			RelayEvents events) {
		// Numbers keep their exact text: payloads pass through, and 1 equals 1.0 in
		// filters.
		ObjectMapper exact = mapper.rebuild()
			.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build();
		this.bridge = bridge;
		this.decoder = new SignalingDecoder(exact);
		this.encoder = new SignalingEncoder(exact);
		this.store = new PeerStore(presence, hub.node(), exact);
		this.peers = new PeerRegistry(hub, directory, this.store, this.encoder, counters.signaling(), clock, scheduler,
				options);
		this.rooms = new SignalingRooms(roomStore, clock, options.roomTtl());
		this.verifier = verifier;
		this.userTokens = verifier::verify;
		this.options = options;
		this.counters = counters.signaling();
		this.guard = new SignalingGuard(limits, authFailures, events);
		this.http = new SignalingHttp(this, this.counters);
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
		VerifiedToken token = VerifiedToken.from(session.getAttributes());
		return this.bridge.serve(session, PROTOCOL, (connection) -> attach(connection, token));
	}

	/**
	 * Serve an already open connection as signaling: for a dispatcher on {@code /} that
	 * picked this protocol by the connection's first frame, which it then hands to the
	 * returned handler's {@link ConnectionHandler#onFrame}.
	 * @param connection the connection
	 * @param handshakeToken the token verified at the handshake, or {@code null}
	 * @return the connection's handler
	 */
	public ConnectionHandler attach(Connection connection, @Nullable VerifiedToken handshakeToken) {
		return new SignalingConnection(connection, handshakeToken, this);
	}

	/**
	 * Take over a connection on the bare host {@code /} whose first frame was
	 * {@code register}; the dispatcher then hands that frame to the returned handler.
	 */
	@Override
	public ConnectionHandler adopt(Connection connection, Map<String, Object> attributes) {
		return attach(connection, VerifiedToken.from(attributes));
	}

	/**
	 * The user token comes in {@code register}.
	 */
	@Override
	public boolean authenticatesInBand() {
		return true;
	}

	/**
	 * The HTTP side: {@code POST /create-room}, {@code POST /anonymous-signin} (when
	 * enabled) and {@code POST /delete-peer}. Each checks its bearer token itself.
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> httpRoutes() {
		return this.http.routes();
	}

	/**
	 * The number of peers registered on this node.
	 * @return the count
	 */
	public int peerCount() {
		return this.peers.size();
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
