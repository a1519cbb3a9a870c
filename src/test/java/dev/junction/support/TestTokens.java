package dev.junction.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

/**
 * Mints tokens for tests with the shared test HMAC secret.
 */
public final class TestTokens {

	/** The HMAC secret of security tests ({@code junction.auth.hmac-secret}). */
	public static final String SECRET = "test-secret-that-is-at-least-32-bytes-long!";

	public static final SecretKey KEY = Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8));

	private TestTokens() {
	}

	/**
	 * A token for a subject, valid for an hour, with extra claims.
	 */
	public static String token(String subject, Map<String, ?> claims) {
		return builder(subject).claims(claims).signWith(KEY).compact();
	}

	public static String token(String subject) {
		return token(subject, Map.of());
	}

	public static JwtBuilder builder(String subject) {
		Instant now = Instant.now();
		return Jwts.builder()
			.subject(subject)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(Duration.ofHours(1))));
	}

}
