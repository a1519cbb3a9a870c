package dev.junction.security;

import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.IncorrectClaimException;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.MissingClaimException;
import io.jsonwebtoken.PrematureJwtException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claim checks of {@link JwtRules}, and the reasons a token is refused with: jjwt
 * checks {@code exp}, {@code nbf}, issuer and audience with the leeway; expiry being
 * required, {@code token_use}, the longest lifetime and NumericDate values are checked
 * here.
 */
final class JwtClaimChecks {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JwtRules rules;

	private final Clock clock;

	JwtClaimChecks(JwtRules rules, Clock clock) {
		this.rules = rules;
		this.clock = clock;
	}

	/**
	 * A parser that checks a signature with the key, and the claims jjwt knows.
	 */
	JwtParserBuilder parser(Key key) {
		JwtParserBuilder builder = Jwts.parser()
			.clock(() -> Date.from(this.clock.instant()))
			.clockSkewSeconds(this.rules.leeway().toSeconds());
		if (key instanceof SecretKey secret) {
			builder.verifyWith(secret);
		}
		else {
			builder.verifyWith((PublicKey) key);
		}
		if (this.rules.issuer() != null) {
			builder.requireIssuer(this.rules.issuer());
		}
		if (this.rules.audience() != null) {
			builder.requireAudience(this.rules.audience());
		}
		return builder;
	}

	VerifiedToken check(Claims claims) {
		if (this.rules.requireExpiration() && claims.getExpiration() == null) {
			throw new TokenRejectedException("expiration required");
		}
		if (this.rules.tokenUse() != null && !this.rules.tokenUse().equals(claims.get("token_use"))) {
			throw new TokenRejectedException("invalid token_use");
		}
		checkLifetime(claims);
		return new VerifiedToken(claims.getSubject(), Map.copyOf(claims));
	}

	private void checkLifetime(Claims claims) {
		java.time.Duration max = this.rules.maxTokenLifetime();
		if (max == null) {
			return;
		}
		Date expiration = claims.getExpiration();
		if (expiration == null) {
			throw new TokenRejectedException("token lifetime too long");
		}
		Date issuedAt = claims.getIssuedAt();
		java.time.Instant from = (issuedAt != null) ? issuedAt.toInstant() : this.clock.instant();
		if (java.time.Duration.between(from, expiration.toInstant()).compareTo(max) > 0) {
			throw new TokenRejectedException("token lifetime too long");
		}
	}

	/**
	 * {@code exp}, {@code nbf} and {@code iat} must be NumericDate values (RFC 7519):
	 * jjwt would also read date strings.
	 */
	static void requireNumericDates(String token) {
		int first = token.indexOf('.');
		int second = token.indexOf('.', first + 1);
		JsonNode claims;
		try {
			claims = json.readTree(Base64.getUrlDecoder().decode(token.substring(first + 1, second)));
		}
		catch (IllegalArgumentException | tools.jackson.core.JacksonException ex) {
			throw new TokenRejectedException("malformed token");
		}
		if (claims == null || !claims.isObject()) {
			throw new TokenRejectedException("malformed token");
		}
		for (String name : List.of("exp", "nbf", "iat")) {
			JsonNode value = claims.get(name);
			if (value != null && !value.isNumber()) {
				throw new TokenRejectedException("invalid " + name);
			}
		}
	}

	/**
	 * The reason a token is refused with, for what jjwt threw.
	 */
	static TokenRejectedException reject(RuntimeException ex) {
		if (ex instanceof TokenRejectedException rejected) {
			return rejected;
		}
		if (ex instanceof ExpiredJwtException) {
			return new TokenRejectedException("token expired");
		}
		if (ex instanceof PrematureJwtException) {
			return new TokenRejectedException("token not yet valid");
		}
		if (ex instanceof MissingClaimException || ex instanceof IncorrectClaimException) {
			String claim = (ex instanceof MissingClaimException missing) ? missing.getClaimName()
					: ((IncorrectClaimException) ex).getClaimName();
			return new TokenRejectedException("invalid " + ("iss".equals(claim) ? "issuer" : "audience"));
		}
		if (ex instanceof MalformedJwtException || ex instanceof IllegalArgumentException) {
			return new TokenRejectedException("malformed token");
		}
		return new TokenRejectedException("invalid token");
	}

}
