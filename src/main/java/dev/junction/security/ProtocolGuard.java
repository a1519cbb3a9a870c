package dev.junction.security;

import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The authentication rule of one protocol's paths.
 *
 * @param protocol the protocol name
 * @param paths the paths it serves
 * @param policy whether a token is required, optional or ignored
 * @param inBandToken whether the protocol may receive its token in its first frame, so
 * that an upgrade without a token is let through even when one is required
 * @param binding refuses a verified token whose binding claim does not match the request
 * @param validRequest whether the protocol would serve the request at all; one it would
 * refuse anyway (HTTP 400 for a bad id) is left to it, unauthenticated
 */
public record ProtocolGuard(String protocol, List<PathPattern> paths, AuthPolicy policy, boolean inBandToken,
		TokenBinding binding, Predicate<ServerWebExchange> validRequest) {

	public ProtocolGuard(String protocol, List<PathPattern> paths, AuthPolicy policy, boolean inBandToken,
			TokenBinding binding) {
		this(protocol, paths, policy, inBandToken, binding, (exchange) -> true);
	}

	boolean matches(ServerWebExchange exchange) {
		return this.paths.stream()
			.anyMatch((path) -> path.matches(exchange.getRequest().getPath().pathWithinApplication()))
				&& this.validRequest.test(exchange);
	}

	/**
	 * Checks a token's binding claims against the request.
	 */
	@FunctionalInterface
	public interface TokenBinding {

		/** A binding that accepts every token. */
		TokenBinding NONE = (exchange, token) -> null;

		/**
		 * Check the token against the request.
		 * @param exchange the upgrade request
		 * @param token the verified token
		 * @return the refusal reason, or {@code null} when the token may open this
		 */
		@Nullable String refuse(ServerWebExchange exchange, VerifiedToken token);

	}

}
