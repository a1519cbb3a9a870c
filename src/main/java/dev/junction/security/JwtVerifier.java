package dev.junction.security;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.IncorrectClaimException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.MissingClaimException;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.security.SignatureException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies JWTs with jjwt against Junction's keys: an HMAC secret for HS256/384/512, PEM
 * public keys and JWKS keys for RS/PS/ES. The algorithm family picks the key kind, so an
 * HMAC token can never be checked against a public key used as a secret; {@code none} and
 * encrypted tokens are refused. Expiry is required unless configured otherwise;
 * {@code nbf}, issuer, audience and {@code token_use} are checked with a leeway.
 */
public final class JwtVerifier {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final @Nullable SecretKey hmacKey;

	private final Map<String, SecretKey> hmacKeys;

	private final List<PublicKey> publicKeys;

	private final @Nullable JwksKeySource jwks;

	private final JwtRules rules;

	private final Clock clock;

	JwtVerifier(@Nullable SecretKey hmacKey, List<PublicKey> publicKeys, @Nullable JwksKeySource jwks, JwtRules rules,
			Clock clock) {
		this.hmacKey = hmacKey;
		this.hmacKeys = (hmacKey != null) ? hmacKeys(hmacKey.getEncoded()) : Map.of();
		this.publicKeys = List.copyOf(publicKeys);
		this.jwks = jwks;
		this.rules = rules;
		this.clock = clock;
	}

	/**
	 * Verify a token; an unknown {@code kid} refreshes the JWKS (rate-limited) and tries
	 * once more.
	 * @param token the compact JWT
	 * @return the verified token, or an error {@link TokenRejectedException}
	 */
	public Mono<VerifiedToken> verify(String token) {
		return Mono.fromCallable(() -> verifyNow(token)).onErrorResume(UnknownKeyException.class, (ex) -> {
			JwksKeySource source = this.jwks;
			if (source == null) {
				return Mono.error(new TokenRejectedException("unknown key"));
			}
			return source.refreshIfAllowed()
				.then(Mono.fromCallable(() -> verifyNow(token)))
				.onErrorMap(UnknownKeyException.class, (again) -> new TokenRejectedException("unknown key"));
		});
	}

	/**
	 * Mint a short-lived HS256 anonymous sign-in token with Junction's own HMAC key
	 * (configured or ephemeral), carrying the configured issuer and audience so that it
	 * verifies here, and {@link ClaimScope#ANONYMOUS_CLAIM} so that it opens signaling
	 * only.
	 * @param subject the {@code sub} claim
	 * @param lifetime how long the token is valid
	 * @return the compact token, or {@code null} when Junction has no HMAC key
	 */
	public @Nullable String mintAnonymousToken(String subject, java.time.Duration lifetime) {
		SecretKey key = this.hmacKey;
		if (key == null) {
			return null;
		}
		java.time.Instant now = this.clock.instant();
		var builder = Jwts.builder()
			.subject(subject)
			.claim(ClaimScope.ANONYMOUS_CLAIM, true)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(lifetime)));
		if (this.rules.issuer() != null) {
			builder.issuer(this.rules.issuer());
		}
		if (this.rules.audience() != null) {
			builder.audience().add(this.rules.audience());
		}
		if (this.rules.tokenUse() != null) {
			builder.claim("token_use", this.rules.tokenUse());
		}
		return builder.signWith(this.hmacKeys.getOrDefault("HS256", key), Jwts.SIG.HS256).compact();
	}

	/**
	 * One key per HMAC algorithm the secret is long enough for (RFC 7518: at least as
	 * many bytes as the hash), each named for its algorithm, since jjwt refuses to check
	 * an HS384 token with a key named for HS256.
	 */
	private static Map<String, SecretKey> hmacKeys(byte[] secret) {
		Map<String, SecretKey> keys = new java.util.LinkedHashMap<>();
		keys.put("HS256", new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
		if (secret.length >= 48) {
			keys.put("HS384", new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA384"));
		}
		if (secret.length >= 64) {
			keys.put("HS512", new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA512"));
		}
		return Map.copyOf(keys);
	}

	/**
	 * Fetch the JWKS endpoints every interval (nothing without JWKS).
	 * @param interval the refresh interval
	 * @param scheduler the scheduler of the refresh
	 * @return the running refresh
	 */
	public reactor.core.Disposable refreshEvery(java.time.Duration interval,
			reactor.core.scheduler.Scheduler scheduler) {
		JwksKeySource source = this.jwks;
		if (source == null) {
			return reactor.core.Disposables.disposed();
		}
		return reactor.core.publisher.Flux.interval(java.time.Duration.ZERO, interval, scheduler)
			.concatMap((tick) -> source.refresh())
			.subscribe();
	}

	/**
	 * Fetch the JWKS endpoints once (nothing without JWKS), for a one-off check that
	 * cannot wait for {@link #refreshEvery}.
	 * @return completes when every endpoint answered or failed
	 */
	public Mono<Void> loadKeys() {
		JwksKeySource source = this.jwks;
		return (source != null) ? source.refresh() : Mono.empty();
	}

	VerifiedToken verifyNow(String token) {
		Header header = header(token);
		requireNumericDates(token);
		List<Key> candidates = candidates(header);
		TokenRejectedException failure = new TokenRejectedException("invalid signature");
		for (Key key : candidates) {
			try {
				return check(parser(key).build().parseSignedClaims(token).getPayload());
			}
			catch (SignatureException ex) {
				// Try the next key: several may be active during a rotation.
			}
			catch (JwtException | IllegalArgumentException ex) {
				throw reject(ex);
			}
		}
		if (header.kid() != null && this.jwks != null && this.jwks.byId(header.kid()) == null) {
			throw new UnknownKeyException();
		}
		throw failure;
	}

	private JwtParserBuilder parser(Key key) {
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

	private VerifiedToken check(Claims claims) {
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
	private static void requireNumericDates(String token) {
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

	private List<Key> candidates(Header header) {
		String alg = header.alg();
		if (alg.startsWith("HS")) {
			if (this.hmacKey == null || !List.of("HS256", "HS384", "HS512").contains(alg)) {
				throw new TokenRejectedException("unsupported algorithm");
			}
			SecretKey key = this.hmacKeys.get(alg);
			if (key == null) {
				throw new TokenRejectedException("HMAC secret too short for " + alg);
			}
			return List.of(key);
		}
		if (!alg.startsWith("RS") && !alg.startsWith("PS") && !alg.startsWith("ES") && !alg.equals("EdDSA")) {
			throw new TokenRejectedException("unsupported algorithm");
		}
		List<Key> keys = new ArrayList<>(this.publicKeys);
		if (this.jwks != null) {
			PublicKey named = (header.kid() != null) ? this.jwks.byId(header.kid()) : null;
			if (named != null) {
				return List.of(named);
			}
			if (header.kid() == null) {
				keys.addAll(this.jwks.all());
			}
		}
		keys.removeIf((key) -> !fits(alg, key));
		if (keys.isEmpty() && (this.jwks == null || header.kid() == null)) {
			throw new TokenRejectedException("unsupported algorithm");
		}
		return keys;
	}

	private static boolean fits(String alg, Key key) {
		if (alg.startsWith("RS") || alg.startsWith("PS")) {
			return key instanceof java.security.interfaces.RSAPublicKey;
		}
		if (alg.startsWith("ES")) {
			return key instanceof java.security.interfaces.ECPublicKey;
		}
		return !(key instanceof java.security.interfaces.RSAPublicKey)
				&& !(key instanceof java.security.interfaces.ECPublicKey);
	}

	private static Header header(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			throw new TokenRejectedException((parts.length == 5) ? "unsupported token" : "malformed token");
		}
		try {
			JsonNode header = json
				.readTree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
			JsonNode alg = header.get("alg");
			JsonNode kid = header.get("kid");
			if (alg == null || !alg.isString() || alg.stringValue().toLowerCase(Locale.ROOT).equals("none")) {
				throw new TokenRejectedException("unsupported algorithm");
			}
			return new Header(alg.stringValue(), (kid != null && kid.isString()) ? kid.stringValue() : null);
		}
		catch (IllegalArgumentException | tools.jackson.core.JacksonException ex) {
			throw new TokenRejectedException("malformed token");
		}
	}

	private static TokenRejectedException reject(RuntimeException ex) {
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

	/**
	 * The fields of a JWT header that choose the key.
	 */
	private record Header(String alg, @Nullable String kid) {
	}

	/**
	 * A {@code kid} that no cached JWKS key has.
	 */
	private static final class UnknownKeyException extends RuntimeException {

		UnknownKeyException() {
			super("unknown kid", null, false, false);
		}

	}

}
