package dev.junction.security;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where a handshake token may come from, in the order docs/security.md gives: the
 * {@code Authorization: Bearer} header, the {@code token} or {@code access_token} query
 * parameter, and the {@code Sec-WebSocket-Protocol} pair {@code bearer, <jwt>} (the one
 * way a browser can send a token with an upgrade).
 */
public final class TokenSources {

	/** The subprotocol a browser offers before its token, selected by the server. */
	public static final String BEARER_PROTOCOL = "bearer";

	private TokenSources() {
	}

	/**
	 * The handshake token of a request.
	 * @param request the upgrade request
	 * @return the token, or {@code null} when none was sent
	 */
	public static @Nullable String find(ServerHttpRequest request) {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String token = authorization.substring(7).trim();
			if (!token.isEmpty()) {
				return token;
			}
		}
		for (String parameter : List.of("token", "access_token")) {
			String token = request.getQueryParams().getFirst(parameter);
			if (token != null && !token.isEmpty()) {
				return token;
			}
		}
		List<String> protocols = request.getHeaders().get("Sec-WebSocket-Protocol");
		if (protocols != null) {
			List<String> offered = protocols.stream()
				.flatMap((value) -> java.util.Arrays.stream(value.split(",")))
				.map(String::trim)
				.toList();
			int bearer = offered.stream()
				.map((value) -> value.toLowerCase(Locale.ROOT))
				.toList()
				.indexOf(BEARER_PROTOCOL);
			if (bearer >= 0 && bearer + 1 < offered.size() && !offered.get(bearer + 1).isEmpty()) {
				return offered.get(bearer + 1);
			}
		}
		return null;
	}

}
