package dev.junction.protocol.signaling;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.security.AuthPolicy;
import dev.junction.security.ClaimScope;
import dev.junction.security.TokenRejectedException;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The signaling server's HTTP endpoints. They are not upgrades, so the security filters
 * leave them alone; each verifies its {@code Authorization} token here (the
 * {@code Bearer } prefix is optional, as deployed clients send it either way). A refused
 * token counts as a failed authentication of the client address; an address over that
 * limit, or over its allowance of rooms or sign-ins, gets 429 with {@code Retry-After}; a
 * node holding all the rooms it may gets 503.
 */
final class SignalingHttp {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final SignalingRelayProtocol protocol;

	private final SignalingCounters counters;

	SignalingHttp(SignalingRelayProtocol protocol, SignalingCounters counters) {
		this.protocol = protocol;
		this.counters = counters;
	}

	/**
	 * Whether a request is not a WebSocket upgrade, which no HTTP route answers.
	 */
	private static boolean isPlainRequest(ServerRequest request) {
		return request.headers().header(HttpHeaders.UPGRADE).stream().noneMatch("websocket"::equalsIgnoreCase);
	}

	RouterFunction<ServerResponse> routes() {
		RouterFunctions.Builder routes = RouterFunctions.route()
			.POST("/create-room", this::createRoom)
			.POST("/delete-peer", this::deletePeer)
			.route(RequestPredicates.GET("/metrics").and(SignalingHttp::isPlainRequest),
					(request) -> MetricsDocument.response(this.counters, this.protocol.clock()));
		if (this.protocol.options().anonymousSignin()) {
			routes.POST("/anonymous-signin", this::anonymousSignin);
		}
		return routes.build();
	}

	private Mono<ServerResponse> createRoom(ServerRequest request) {
		String address = address(request);
		if (guard().authFailures().isLockedOut(address)) {
			return tooMany(TimeUnit.MINUTES.toNanos(1), "Too many failed authentications");
		}
		long wait = guard().createRoomFromAddress(address);
		if (wait > 0) {
			return tooMany(wait, "Too many rooms created from this address");
		}
		return authenticate(request).flatMap((token) -> {
			long subjectWait = (token.subject() != null) ? guard().createRoomForSubject(token.subject()) : 0;
			if (subjectWait > 0) {
				return tooMany(subjectWait, "Too many rooms created for this user");
			}
			return this.protocol.rooms().create(guard().maxRooms()).flatMap((room) -> {
				this.counters.roomsCreated().incrementAndGet();
				return respond(HttpStatus.OK, new CreatedRoom(room.id(), room.token()));
			}).switchIfEmpty(Mono.defer(() -> {
				guard().roomsFull();
				return respond(HttpStatus.SERVICE_UNAVAILABLE,
						seconds(TimeUnit.MILLISECONDS.toNanos(this.protocol.rooms().millisUntilARoomIsDropped())),
						new Detail("Too many rooms on this server"));
			}));
		}).onErrorResume(TokenRejectedException.class, (ex) -> unauthorized(address, ex));
	}

	private Mono<ServerResponse> anonymousSignin(ServerRequest request) {
		long wait = guard().anonymousSignin(address(request));
		if (wait > 0) {
			return tooMany(wait, "Too many sign-ins from this address");
		}
		String username = UUID.randomUUID().toString();
		String token = this.protocol.verifier()
			.mintAnonymousToken(username, this.protocol.options().anonymousTokenLifetime());
		if (token == null) {
			return respond(HttpStatus.SERVICE_UNAVAILABLE,
					new Detail("Anonymous sign-in needs Junction's HMAC key: set junction.auth.hmac-secret"));
		}
		return respond(HttpStatus.OK, new SignedIn(token, username));
	}

	private Mono<ServerResponse> deletePeer(ServerRequest request) {
		String address = address(request);
		if (guard().authFailures().isLockedOut(address)) {
			return tooMany(TimeUnit.MINUTES.toNanos(1), "Too many failed authentications");
		}
		return authenticate(request)
			.flatMap((token) -> request.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.flatMap((body) -> deletePeer(peerId(body), token)))
			.onErrorResume(TokenRejectedException.class, (ex) -> unauthorized(address, ex));
	}

	private Mono<ServerResponse> deletePeer(@Nullable String peerId, Authenticated token) {
		if (peerId == null) {
			return respond(HttpStatus.BAD_REQUEST, new Detail("Missing required field: peer_id"));
		}
		return this.protocol.peers()
			.delete(peerId, token.subject(), token.anyone())
			.flatMap((deletion) -> switch (deletion) {
				case FORBIDDEN -> respond(HttpStatus.FORBIDDEN, new Detail("Not allowed to delete this peer"));
				case ALREADY_REMOVED -> respond(HttpStatus.OK, new Status("peer deleted (already removed from room)"));
				case ROOM_DELETED ->
					respond(HttpStatus.OK, new Status("peer deleted successfully. Room status: deleted"));
				case ROOM_ACTIVE ->
					respond(HttpStatus.OK, new Status("peer deleted successfully. Room status: active"));
			});
	}

	/**
	 * The request's verified token; with the protocol's auth set to {@code none}, tokens
	 * are not looked at and anyone may act.
	 */
	private Mono<Authenticated> authenticate(ServerRequest request) {
		if (this.protocol.options().auth() == AuthPolicy.NONE) {
			return Mono.just(new Authenticated(null, true));
		}
		String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		String token = (header != null) ? header.trim() : "";
		if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
			token = token.substring(7).trim();
		}
		if (token.isEmpty()) {
			return Mono.error(new TokenRejectedException("missing token"));
		}
		return this.protocol.verifier().verify(token).flatMap((VerifiedToken verified) -> {
			if (!this.protocol.claimScope().opens(verified, SignalingRelayProtocol.PROTOCOL)) {
				return Mono.error(new TokenRejectedException(ClaimScope.REFUSAL));
			}
			return Mono.just(new Authenticated(verified.subject(), false));
		});
	}

	private Mono<ServerResponse> unauthorized(String address, Throwable ex) {
		String reason = ((TokenRejectedException) ex).reason();
		guard().authFailures().record(SignalingRelayProtocol.PROTOCOL, address, reason);
		return respond(HttpStatus.UNAUTHORIZED, new Detail("Token verification failed: " + reason));
	}

	private Mono<ServerResponse> tooMany(long waitNanos, String detail) {
		return respond(HttpStatus.TOO_MANY_REQUESTS, seconds(waitNanos), new Detail(detail));
	}

	private SignalingGuard guard() {
		return this.protocol.guard();
	}

	private String address(ServerRequest request) {
		return guard().authFailures().clientAddress(request.exchange());
	}

	private static String seconds(long nanos) {
		return Long.toString(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
	}

	private static @Nullable String peerId(byte[] body) {
		try {
			JsonNode node = json.readTree(body);
			JsonNode peerId = (node != null && node.isObject()) ? node.get("peer_id") : null;
			return (peerId != null && peerId.isString() && !peerId.stringValue().isEmpty()) ? peerId.stringValue()
					: null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Mono<ServerResponse> respond(HttpStatus status, Object body) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.writeValueAsBytes(body));
	}

	private static Mono<ServerResponse> respond(HttpStatus status, String retryAfter, Object body) {
		return ServerResponse.status(status)
			.header(HttpHeaders.RETRY_AFTER, retryAfter)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.writeValueAsBytes(body));
	}

	private record Authenticated(@Nullable String subject, boolean anyone) {
	}

	record CreatedRoom(@JsonProperty("room_id") String roomId, String token) {
	}

	record SignedIn(@JsonProperty("id_token") String idToken, String username) {
	}

	record Status(String status) {
	}

	record Detail(String detail) {
	}

}
