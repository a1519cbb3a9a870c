package dev.junction.security;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
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
 * {@code JwtKeyRing} picks the keys and {@code JwtClaimChecks} checks the claims; this
 * class reads the header and ties them together.
 */
public final class JwtVerifier {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JwtKeyRing keys;

	private final JwtClaimChecks checks;

	private final JwtRules rules;

	private final Clock clock;

	JwtVerifier(@Nullable SecretKey hmacKey, List<PublicKey> publicKeys, @Nullable JwksKeySource jwks, JwtRules rules,
			Clock clock) {
		this.keys = new JwtKeyRing(hmacKey, publicKeys, jwks);
		this.checks = new JwtClaimChecks(rules, clock);
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
			JwksKeySource source = this.keys.jwks();
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
		SecretKey key = this.keys.hs256();
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
		return builder.signWith(key, Jwts.SIG.HS256).compact();
	}

	/**
	 * Fetch the JWKS endpoints every interval (nothing without JWKS).
	 * @param interval the refresh interval
	 * @param scheduler the scheduler of the refresh
	 * @return the running refresh
	 */
	public reactor.core.Disposable refreshEvery(java.time.Duration interval,
			reactor.core.scheduler.Scheduler scheduler) {
		JwksKeySource source = this.keys.jwks();
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
		JwksKeySource source = this.keys.jwks();
		return (source != null) ? source.refresh() : Mono.empty();
	}

	VerifiedToken verifyNow(String token) {
		Header header = header(token);
		JwtClaimChecks.requireNumericDates(token);
		List<Key> candidates = this.keys.candidates(header.alg(), header.kid());
		TokenRejectedException failure = new TokenRejectedException("invalid signature");
		for (Key key : candidates) {
			try {
				return this.checks.check(this.checks.parser(key).build().parseSignedClaims(token).getPayload());
			}
			catch (SignatureException ex) {
				// Try the next key: several may be active during a rotation.
			}
			catch (JwtException | IllegalArgumentException ex) {
				throw JwtClaimChecks.reject(ex);
			}
		}
		if (this.keys.isUnknown(header.kid())) {
			throw new UnknownKeyException();
		}
		throw failure;
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
