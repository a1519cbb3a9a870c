package dev.junction.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * JWT verification.
 */
public class AuthProperties {

	/** HMAC key for HS256/384/512 tokens, at least 32 bytes. */
	private @Nullable String hmacSecret;

	/**
	 * PEM public keys (RS/PS/ES), each the PEM text or a resource location such as
	 * file:/keys/a.pem.
	 */
	private List<String> publicKeys = new ArrayList<>();

	/**
	 * JWKS endpoints (https, or http on a literal loopback address: 127.x.x.x or [::1]).
	 */
	private List<URI> jwksUris = new ArrayList<>();

	/** How often JWKS endpoints are fetched again. */
	private Duration jwksRefreshInterval = Duration.ofMinutes(10);

	/** Least time between two fetches caused by unknown key ids. */
	private Duration jwksMinRefreshInterval = Duration.ofMinutes(1);

	/** Required iss claim. */
	private @Nullable String issuer;

	/** Required aud claim. */
	private @Nullable String audience;

	/** Required token_use claim (AWS Cognito id tokens: id). */
	private @Nullable String tokenUse;

	/** Allowed clock skew for exp and nbf. */
	private Duration leeway = Duration.ofSeconds(30);

	/** Whether tokens without exp are refused. */
	private boolean requireExpiration = true;

	/** Fail start-up when no key is configured, instead of using an ephemeral one. */
	private boolean requireConfiguredKey;

	/**
	 * Longest validity a token may have (exp - iat, or exp - now without iat); longer
	 * ones, and tokens without exp, are refused. Unset: no bound.
	 */
	private @Nullable Duration maxTokenLifetime;

	public @Nullable Duration getMaxTokenLifetime() {
		return this.maxTokenLifetime;
	}

	public void setMaxTokenLifetime(@Nullable Duration maxTokenLifetime) {
		this.maxTokenLifetime = maxTokenLifetime;
	}

	public @Nullable String getHmacSecret() {
		return this.hmacSecret;
	}

	public void setHmacSecret(@Nullable String hmacSecret) {
		this.hmacSecret = hmacSecret;
	}

	public List<String> getPublicKeys() {
		return this.publicKeys;
	}

	public void setPublicKeys(List<String> publicKeys) {
		this.publicKeys = publicKeys;
	}

	public List<URI> getJwksUris() {
		return this.jwksUris;
	}

	public void setJwksUris(List<URI> jwksUris) {
		this.jwksUris = jwksUris;
	}

	public Duration getJwksRefreshInterval() {
		return this.jwksRefreshInterval;
	}

	public void setJwksRefreshInterval(Duration jwksRefreshInterval) {
		this.jwksRefreshInterval = jwksRefreshInterval;
	}

	public Duration getJwksMinRefreshInterval() {
		return this.jwksMinRefreshInterval;
	}

	public void setJwksMinRefreshInterval(Duration jwksMinRefreshInterval) {
		this.jwksMinRefreshInterval = jwksMinRefreshInterval;
	}

	public @Nullable String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(@Nullable String issuer) {
		this.issuer = issuer;
	}

	public @Nullable String getAudience() {
		return this.audience;
	}

	public void setAudience(@Nullable String audience) {
		this.audience = audience;
	}

	public @Nullable String getTokenUse() {
		return this.tokenUse;
	}

	public void setTokenUse(@Nullable String tokenUse) {
		this.tokenUse = tokenUse;
	}

	public Duration getLeeway() {
		return this.leeway;
	}

	public void setLeeway(Duration leeway) {
		this.leeway = leeway;
	}

	public boolean isRequireExpiration() {
		return this.requireExpiration;
	}

	public void setRequireExpiration(boolean requireExpiration) {
		this.requireExpiration = requireExpiration;
	}

	public boolean isRequireConfiguredKey() {
		return this.requireConfiguredKey;
	}

	public void setRequireConfiguredKey(boolean requireConfiguredKey) {
		this.requireConfiguredKey = requireConfiguredKey;
	}

}
