package dev.junction.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The claim checks every token must pass.
 *
 * @param issuer the required {@code iss}, or {@code null}
 * @param audience the required {@code aud}, or {@code null}
 * @param leeway the allowed clock skew for {@code exp} and {@code nbf}
 * @param requireExpiration whether a token without {@code exp} is refused
 * @param tokenUse the required {@code token_use} (Cognito: {@code id}), or {@code null}
 * @param maxTokenLifetime the longest a token may be valid ({@code exp - iat}, or
 * {@code exp - now} without {@code iat}), or {@code null} for no bound
 */
public record JwtRules(@Nullable String issuer, @Nullable String audience, Duration leeway, boolean requireExpiration,
		@Nullable String tokenUse, @Nullable Duration maxTokenLifetime) {

	public JwtRules(@Nullable String issuer, @Nullable String audience, Duration leeway, boolean requireExpiration,
			@Nullable String tokenUse) {
		this(issuer, audience, leeway, requireExpiration, tokenUse, null);
	}

}
