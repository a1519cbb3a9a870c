package dev.junction.security;

import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;

import org.jspecify.annotations.Nullable;

/**
 * The keys a token may be checked against: the HMAC secret, PEM public keys and JWKS
 * keys. A token's algorithm family picks the kind of key, so an HMAC token can never be
 * checked against a public key used as a secret.
 */
final class JwtKeyRing {

	private final @Nullable SecretKey hmacKey;

	private final Map<String, SecretKey> hmacKeys;

	private final List<PublicKey> publicKeys;

	private final @Nullable JwksKeySource jwks;

	JwtKeyRing(@Nullable SecretKey hmacKey, List<PublicKey> publicKeys, @Nullable JwksKeySource jwks) {
		this.hmacKey = hmacKey;
		this.hmacKeys = (hmacKey != null) ? hmacKeys(hmacKey.getEncoded()) : Map.of();
		this.publicKeys = List.copyOf(publicKeys);
		this.jwks = jwks;
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
	 * The key Junction signs its own HS256 tokens with.
	 * @return the key, or {@code null} when Junction has no HMAC key
	 */
	@Nullable SecretKey hs256() {
		SecretKey key = this.hmacKey;
		return (key != null) ? this.hmacKeys.getOrDefault("HS256", key) : null;
	}

	@Nullable JwksKeySource jwks() {
		return this.jwks;
	}

	/**
	 * Whether a {@code kid} names no cached JWKS key, so that a refresh may find it.
	 */
	boolean isUnknown(@Nullable String kid) {
		return kid != null && this.jwks != null && this.jwks.byId(kid) == null;
	}

	/**
	 * The keys a token's signature may be checked against, several during a rotation.
	 * @param alg the header's {@code alg}
	 * @param kid the header's {@code kid}, or {@code null}
	 * @return the keys, empty when only a refreshed JWKS could have it
	 */
	List<Key> candidates(String alg, @Nullable String kid) {
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
			PublicKey named = (kid != null) ? this.jwks.byId(kid) : null;
			if (named != null) {
				return List.of(named);
			}
			if (kid == null) {
				keys.addAll(this.jwks.all());
			}
		}
		keys.removeIf((key) -> !fits(alg, key));
		if (keys.isEmpty() && (this.jwks == null || kid == null)) {
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

}
