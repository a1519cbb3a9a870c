package dev.junction.security;

import java.net.URI;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Public keys from JWKS endpoints, fetched without blocking (WebClient), parsed with jjwt
 * and cached by {@code kid}. Refreshed on a schedule by the caller and on an unknown
 * {@code kid}, at most once per minimum interval, so that a flood of tokens with made-up
 * key ids cannot turn Junction against the identity provider. Keys of the last good fetch
 * stay in use when a refresh fails.
 */
final class JwksKeySource {

	private static final Log logger = LogFactory.getLog(JwksKeySource.class);

	private final List<URI> uris;

	private final WebClient webClient;

	private final Duration minRefreshInterval;

	private final Clock clock;

	private volatile Map<String, PublicKey> keys = Map.of();

	private volatile List<PublicKey> unnamed = List.of();

	private Instant lastRefresh = Instant.MIN;

	JwksKeySource(List<URI> uris, WebClient webClient, Duration minRefreshInterval, Clock clock) {
		for (URI uri : uris) {
			if (!"https".equals(uri.getScheme()) && !isLoopback(uri)) {
				throw new IllegalArgumentException("JWKS endpoint " + uri + " must use https");
			}
		}
		this.uris = List.copyOf(uris);
		this.webClient = webClient;
		this.minRefreshInterval = minRefreshInterval;
		this.clock = clock;
	}

	@Nullable PublicKey byId(String kid) {
		return this.keys.get(kid);
	}

	List<PublicKey> all() {
		List<PublicKey> all = new ArrayList<>(this.keys.values());
		all.addAll(this.unnamed);
		return all;
	}

	/**
	 * Refresh unless the last refresh is more recent than the minimum interval.
	 * @return completes when the refresh (if any) is done
	 */
	Mono<Void> refreshIfAllowed() {
		synchronized (this) {
			Instant now = this.clock.instant();
			if (now.isBefore(this.lastRefresh.plus(this.minRefreshInterval))) {
				return Mono.empty();
			}
			this.lastRefresh = now;
		}
		return refresh();
	}

	/**
	 * Fetch every endpoint and replace the cache with what answered.
	 * @return completes when done; never fails
	 */
	Mono<Void> refresh() {
		synchronized (this) {
			this.lastRefresh = this.clock.instant();
		}
		return Flux.fromIterable(this.uris)
			.flatMap((uri) -> this.webClient.get()
				.uri(uri)
				.retrieve()
				.bodyToMono(String.class)
				.timeout(Duration.ofSeconds(10))
				.onErrorResume((ex) -> {
					logger.warn("Could not fetch JWKS from " + uri + ": " + ex.getMessage());
					return Mono.empty();
				}))
			.collectList()
			.doOnNext(this::replace)
			.then();
	}

	private void replace(List<String> documents) {
		if (documents.isEmpty()) {
			return;
		}
		Map<String, PublicKey> named = new ConcurrentHashMap<>();
		List<PublicKey> anonymous = new ArrayList<>();
		for (String document : documents) {
			try {
				JwkSet set = Jwks.setParser().build().parse(document);
				for (Jwk<?> jwk : set) {
					Key key = jwk.toKey();
					if (key instanceof PublicKey publicKey) {
						if (jwk.getId() != null) {
							named.put(jwk.getId(), publicKey);
						}
						else {
							anonymous.add(publicKey);
						}
					}
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Ignoring an invalid JWKS document: " + ex.getMessage());
			}
		}
		this.keys = Map.copyOf(named);
		this.unnamed = List.copyOf(anonymous);
		if (logger.isDebugEnabled()) {
			logger.debug("JWKS refreshed: " + named.keySet());
		}
	}

	/**
	 * Whether a plain-http endpoint is on this machine: a literal IPv4 address in
	 * 127.0.0.0/8 or the IPv6 {@code [::1]}. Names (even {@code localhost}) are refused,
	 * since a name may resolve anywhere, and {@code 127.attacker.example} is a name.
	 */
	static boolean isLoopback(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			return false;
		}
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (!io.netty.util.NetUtil.isValidIpV4Address(literal) && !io.netty.util.NetUtil.isValidIpV6Address(literal)) {
			return false;
		}
		java.net.InetAddress address = io.netty.util.NetUtil.createInetAddressFromIpAddressString(literal);
		return address != null && address.isLoopbackAddress();
	}

}
