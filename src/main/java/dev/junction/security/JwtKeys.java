package dev.junction.security;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the {@link JwtVerifier} from configured key material. With no key at all it
 * either refuses to start ({@code requireConfiguredKey}) or makes an ephemeral HMAC key
 * and logs one ready-to-use token, so that a first run connects at once.
 */
public final class JwtKeys {

	private static final Log logger = LogFactory.getLog(JwtKeys.class);

	private static final int MIN_HMAC_BYTES = 32;

	private JwtKeys() {
	}

	/**
	 * Build the verifier.
	 * @param settings the key material and rules
	 * @param clock the clock of expiry checks
	 * @return the verifier
	 */
	public static JwtVerifier verifier(KeySettings settings, Clock clock) {
		SecretKey hmac = hmacKey(settings.hmacSecret());
		List<PublicKey> publicKeys = new ArrayList<>();
		for (String pem : settings.publicKeysPem()) {
			publicKeys.addAll(PemKeys.parse(pem));
		}
		JwksKeySource jwks = settings.jwksUris().isEmpty() ? null
				: new JwksKeySource(settings.jwksUris(), WebClient.create(), settings.jwksMinRefreshInterval(), clock);
		if (hmac == null && publicKeys.isEmpty() && jwks == null) {
			if (settings.requireConfiguredKey()) {
				throw new JwtKeyException("No JWT key is configured and junction.auth.require-configured-key "
						+ "is true: set junction.auth.hmac-secret, junction.auth.public-keys or junction.auth.jwks-uris",
						"Configure the key that verifies your tokens: junction.auth.hmac-secret (at least 32 bytes; "
								+ "environment variable JUNCTION_AUTH_HMAC_SECRET) for HS256/384/512, "
								+ "junction.auth.public-keys (PEM text or file:/path.pem) for RS/PS/ES/EdDSA, or "
								+ "junction.auth.jwks-uris. For a local trial with an ephemeral key and a logged "
								+ "token, set junction.auth.require-configured-key=false.");
			}
			hmac = ephemeralKey(clock, settings.rules());
		}
		return new JwtVerifier(hmac, publicKeys, jwks, settings.rules(), clock);
	}

	private static @Nullable SecretKey hmacKey(@Nullable String secret) {
		if (secret == null || secret.isEmpty()) {
			return null;
		}
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_HMAC_BYTES) {
			throw new JwtKeyException(
					"junction.auth.hmac-secret must be at least " + MIN_HMAC_BYTES + " bytes (it has " + bytes.length
							+ ")",
					"Use a random secret of at least " + MIN_HMAC_BYTES + " bytes, for example the output of "
							+ "'openssl rand -base64 48'.");
		}
		return Keys.hmacShaKeyFor(bytes);
	}

	private static SecretKey ephemeralKey(Clock clock, JwtRules rules) {
		byte[] bytes = new byte[64];
		new SecureRandom().nextBytes(bytes);
		SecretKey key = Keys.hmacShaKeyFor(bytes);
		Instant now = clock.instant();
		var builder = Jwts.builder()
			.subject("quickstart")
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(Duration.ofHours(24))));
		if (rules.issuer() != null) {
			builder.issuer(rules.issuer());
		}
		if (rules.audience() != null) {
			builder.audience().add(rules.audience());
		}
		String token = builder.signWith(key, Jwts.SIG.HS256).compact();
		logger.warn("No JWT key is configured: using an ephemeral HMAC key that changes at every start. "
				+ "Configure junction.auth.hmac-secret (or public keys / JWKS) for production. "
				+ "A token for this run, valid for 24 hours: " + token);
		return key;
	}

	/**
	 * Key material and rules from configuration.
	 *
	 * @param hmacSecret the HMAC secret, or {@code null}
	 * @param publicKeysPem PEM documents of public keys
	 * @param jwksUris JWKS endpoints
	 * @param jwksMinRefreshInterval least time between refreshes on unknown key ids
	 * @param rules the claim checks
	 * @param requireConfiguredKey whether start-up fails without a key
	 */
	public record KeySettings(@Nullable String hmacSecret, List<String> publicKeysPem, List<java.net.URI> jwksUris,
			Duration jwksMinRefreshInterval, JwtRules rules, boolean requireConfiguredKey) {
	}

}
