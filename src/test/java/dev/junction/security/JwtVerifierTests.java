package dev.junction.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import dev.junction.support.MutableClock;
import dev.junction.support.TestTokens;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Token verification with every key kind, every claim check, and the refusals of
 * {@code alg: none} and algorithm confusion.
 */
class JwtVerifierTests {

	private static final JwtRules RULES = new JwtRules(null, null, Duration.ofSeconds(30), true, null);

	private HttpServer jwksServer;

	@AfterEach
	void stopServer() {
		if (this.jwksServer != null) {
			this.jwksServer.stop(0);
		}
	}

	@Test
	void hmacTokenShouldVerifyWithItsClaims() {
		JwtVerifier verifier = hmacVerifier(RULES);
		VerifiedToken token = verify(verifier, TestTokens.token("alice", Map.of("sid", "abc")));
		assertThat(token.subject()).isEqualTo("alice");
		assertThat(token.claim("sid")).isEqualTo("abc");
		assertThat(token.allows("sid", "abc")).isTrue();
		assertThat(token.allows("sid", "other")).isFalse();
		assertThat(token.allows("room", "anything")).isTrue();
	}

	@Test
	void expiredTokenShouldBeRefusedBeyondTheLeeway() {
		JwtVerifier verifier = hmacVerifier(RULES);
		Instant now = Instant.now();
		String withinLeeway = Jwts.builder()
			.subject("a")
			.expiration(Date.from(now.minusSeconds(10)))
			.signWith(TestTokens.KEY)
			.compact();
		String expired = Jwts.builder()
			.subject("a")
			.expiration(Date.from(now.minusSeconds(60)))
			.signWith(TestTokens.KEY)
			.compact();
		assertThat(verify(verifier, withinLeeway).subject()).isEqualTo("a");
		assertRejected(verifier, expired, "token expired");
	}

	@Test
	void tokenNotYetValidShouldBeRefused() {
		String future = TestTokens.builder("a")
			.notBefore(Date.from(Instant.now().plusSeconds(600)))
			.signWith(TestTokens.KEY)
			.compact();
		assertRejected(hmacVerifier(RULES), future, "token not yet valid");
	}

	@Test
	void tokenWithoutExpiryShouldBeRefusedUnlessAllowed() {
		String eternal = Jwts.builder().subject("a").signWith(TestTokens.KEY).compact();
		assertRejected(hmacVerifier(RULES), eternal, "expiration required");
		JwtRules lenient = new JwtRules(null, null, Duration.ofSeconds(30), false, null);
		assertThat(verify(hmacVerifier(lenient), eternal).subject()).isEqualTo("a");
	}

	@Test
	void issuerAudienceAndTokenUseShouldBeChecked() {
		JwtRules rules = new JwtRules("https://issuer", "junction", Duration.ofSeconds(30), true, "id");
		JwtVerifier verifier = hmacVerifier(rules);
		String good = TestTokens.builder("a")
			.issuer("https://issuer")
			.audience()
			.add("junction")
			.and()
			.claim("token_use", "id")
			.signWith(TestTokens.KEY)
			.compact();
		assertThat(verify(verifier, good).subject()).isEqualTo("a");
		assertRejected(verifier,
				TestTokens.builder("a")
					.issuer("https://other")
					.audience()
					.add("junction")
					.and()
					.claim("token_use", "id")
					.signWith(TestTokens.KEY)
					.compact(),
				"invalid issuer");
		assertRejected(verifier,
				TestTokens.builder("a")
					.issuer("https://issuer")
					.audience()
					.add("else")
					.and()
					.claim("token_use", "id")
					.signWith(TestTokens.KEY)
					.compact(),
				"invalid audience");
		assertRejected(verifier,
				TestTokens.builder("a")
					.issuer("https://issuer")
					.audience()
					.add("junction")
					.and()
					.claim("token_use", "access")
					.signWith(TestTokens.KEY)
					.compact(),
				"invalid token_use");
	}

	@Test
	void unsignedAndMalformedTokensShouldBeRefused() {
		JwtVerifier verifier = hmacVerifier(RULES);
		String header = base64("{\"alg\":\"none\"}");
		String payload = base64("{\"sub\":\"mallory\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");
		assertRejected(verifier, header + "." + payload + ".", "unsupported algorithm");
		assertRejected(verifier, base64("{\"alg\":\"NONE\"}") + "." + payload + ".", "unsupported algorithm");
		assertRejected(verifier, "not-a-token", "malformed token");
		assertRejected(verifier, "a.b.c.d.e", "unsupported token");
		assertRejected(verifier, "!!!.###.$$$", "malformed token");
		String other = Jwts.builder()
			.subject("a")
			.expiration(Date.from(Instant.now().plusSeconds(60)))
			.signWith(Keys.hmacShaKeyFor(new byte[32]))
			.compact();
		assertRejected(verifier, other, "invalid signature");
	}

	@Test
	void rsaAndEcPemKeysShouldVerifyTheirTokens() {
		KeyPair rsa = Jwts.SIG.RS256.keyPair().build();
		KeyPair ec = Jwts.SIG.ES256.keyPair().build();
		JwtVerifier verifier = new JwtVerifier(null, PemKeys.parse(pem(rsa.getPublic()) + "\n" + pem(ec.getPublic())),
				null, RULES, Clock.systemUTC());
		assertThat(verify(verifier, TestTokens.builder("r").signWith(rsa.getPrivate()).compact()).subject())
			.isEqualTo("r");
		assertThat(verify(verifier, TestTokens.builder("e").signWith(ec.getPrivate()).compact()).subject())
			.isEqualTo("e");
		KeyPair stranger = Jwts.SIG.RS256.keyPair().build();
		assertRejected(verifier, TestTokens.builder("s").signWith(stranger.getPrivate()).compact(),
				"invalid signature");
		assertRejected(verifier, TestTokens.token("h"), "unsupported algorithm");
	}

	@Test
	void hmacTokenSignedWithThePublicKeyAsSecretShouldBeRefused() {
		KeyPair rsa = Jwts.SIG.RS256.keyPair().build();
		JwtVerifier verifier = new JwtVerifier(null, PemKeys.parse(pem(rsa.getPublic())), null, RULES,
				Clock.systemUTC());
		byte[] publicKeyAsSecret = pem(rsa.getPublic()).getBytes(StandardCharsets.UTF_8);
		String confused = TestTokens.builder("mallory")
			.signWith(Keys.hmacShaKeyFor(publicKeyAsSecret), Jwts.SIG.HS256)
			.compact();
		assertRejected(verifier, confused, "unsupported algorithm");
	}

	@Test
	void jwksKeysShouldBeFetchedCachedAndRotated() throws IOException {
		KeyPair first = Jwts.SIG.RS256.keyPair().build();
		KeyPair second = Jwts.SIG.ES256.keyPair().build();
		AtomicReference<String> document = new AtomicReference<>(jwks(Map.of("k1", first.getPublic())));
		AtomicInteger fetches = new AtomicInteger();
		URI uri = serve(document, fetches);
		MutableClock clock = new MutableClock();
		JwksKeySource source = new JwksKeySource(List.of(uri),
				org.springframework.web.reactive.function.client.WebClient.create(), Duration.ofMinutes(1), clock);
		JwtVerifier verifier = new JwtVerifier(null, List.of(), source, RULES, clock);
		String signedByFirst = Jwts.builder()
			.header()
			.keyId("k1")
			.and()
			.subject("one")
			.expiration(Date.from(clock.instant().plusSeconds(600)))
			.signWith(first.getPrivate())
			.compact();
		assertThat(verify(verifier, signedByFirst).subject()).isEqualTo("one");
		assertThat(fetches).hasValue(1);
		assertThat(verify(verifier, signedByFirst).subject()).isEqualTo("one");
		assertThat(fetches).as("cached").hasValue(1);
		// The provider rotates: k2 replaces k1.
		document.set(jwks(Map.of("k2", second.getPublic())));
		String signedBySecond = Jwts.builder()
			.header()
			.keyId("k2")
			.and()
			.subject("two")
			.expiration(Date.from(clock.instant().plusSeconds(600)))
			.signWith(second.getPrivate())
			.compact();
		assertRejected(verifier, signedBySecond, "unknown key");
		assertThat(fetches).as("at most one refresh a minute").hasValue(1);
		clock.advance(Duration.ofMinutes(2));
		assertThat(verify(verifier, signedBySecond).subject()).isEqualTo("two");
		assertThat(fetches).hasValue(2);
		clock.advance(Duration.ofMinutes(2));
		assertRejected(verifier, signedByFirst, "unknown key");
		String unknownKid = Jwts.builder()
			.header()
			.keyId("k9")
			.and()
			.subject("x")
			.expiration(Date.from(clock.instant().plusSeconds(600)))
			.signWith(second.getPrivate())
			.compact();
		assertRejected(verifier, unknownKid, "unknown key");
		assertThat(fetches).as("refreshes stay rate-limited").hasValue(3);
	}

	@Test
	void jwksOverPlainHttpShouldOnlyBeAllowedOnLoopback() {
		assertThatThrownBy(() -> new JwksKeySource(List.of(URI.create("http://idp.example/jwks")),
				org.springframework.web.reactive.function.client.WebClient.create(), Duration.ofMinutes(1),
				Clock.systemUTC()))
			.hasMessageContaining("must use https");
	}

	@Test
	void jwksOverPlainHttpShouldBeRefusedForNamesThatOnlyLookLikeLoopback() {
		for (String uri : List.of("http://127.attacker.example/jwks", "http://localhost/jwks",
				"http://127.0.0.1.nip.io/jwks", "http://[::2]/jwks")) {
			assertThat(JwksKeySource.isLoopback(URI.create(uri))).as(uri).isFalse();
		}
		for (String uri : List.of("http://127.0.0.1:8080/jwks", "http://127.10.0.1/jwks", "http://[::1]:9000/jwks")) {
			assertThat(JwksKeySource.isLoopback(URI.create(uri))).as(uri).isTrue();
		}
		assertThatThrownBy(() -> new JwksKeySource(List.of(URI.create("http://127.attacker.example/jwks")),
				org.springframework.web.reactive.function.client.WebClient.create(), Duration.ofMinutes(1),
				Clock.systemUTC()))
			.hasMessageContaining("must use https");
	}

	@Test
	void hmacAlgorithmsShouldBeAcceptedWhenTheSecretIsLongEnoughForThem() {
		byte[] long64 = new byte[64];
		new java.security.SecureRandom().nextBytes(long64);
		javax.crypto.SecretKey secret = new javax.crypto.spec.SecretKeySpec(long64, "HmacSHA512");
		JwtVerifier verifier = new JwtVerifier(secret, List.of(), null, RULES, Clock.systemUTC());
		for (var alg : List.of(Jwts.SIG.HS256, Jwts.SIG.HS384, Jwts.SIG.HS512)) {
			javax.crypto.SecretKey signing = new javax.crypto.spec.SecretKeySpec(long64,
					"HmacSHA" + alg.getId().substring(2));
			String token = TestTokens.builder(alg.getId()).signWith(signing, alg).compact();
			assertThat(verify(verifier, token).subject()).isEqualTo(alg.getId());
		}
	}

	@Test
	void hmacAlgorithmsLongerThanTheSecretShouldBeRefusedClearly() {
		byte[] short32 = new byte[32];
		new java.security.SecureRandom().nextBytes(short32);
		JwtVerifier verifier = new JwtVerifier(new javax.crypto.spec.SecretKeySpec(short32, "HmacSHA256"), List.of(),
				null, RULES, Clock.systemUTC());
		String hs256 = TestTokens.builder("a")
			.signWith(new javax.crypto.spec.SecretKeySpec(short32, "HmacSHA256"), Jwts.SIG.HS256)
			.compact();
		assertThat(verify(verifier, hs256).subject()).isEqualTo("a");
		String hs384 = base64("{\"alg\":\"HS384\"}") + "."
				+ base64("{\"sub\":\"a\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}") + ".c2ln";
		assertRejected(verifier, hs384, "HMAC secret too short for HS384");
		String hs512 = base64("{\"alg\":\"HS512\"}") + "."
				+ base64("{\"sub\":\"a\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}") + ".c2ln";
		assertRejected(verifier, hs512, "HMAC secret too short for HS512");
	}

	@Test
	void nonNumericTimeClaimsShouldBeRefused() throws Exception {
		JwtVerifier verifier = hmacVerifier(RULES);
		long later = Instant.now().getEpochSecond() + 600;
		assertThat(verify(verifier, rawHs256("{\"sub\":\"a\",\"exp\":" + later + "}")).subject()).isEqualTo("a");
		assertRejected(verifier, rawHs256("{\"sub\":\"a\",\"exp\":\"tomorrow\"}"), "invalid exp");
		assertRejected(verifier, rawHs256("{\"sub\":\"a\",\"exp\":\"" + Instant.now().plusSeconds(600) + "\"}"),
				"invalid exp");
		assertRejected(verifier, rawHs256("{\"sub\":\"a\",\"exp\":" + later + ",\"nbf\":\"2020-01-01T00:00:00Z\"}"),
				"invalid nbf");
	}

	/**
	 * An HS256 token with the test key over a payload as written, which jjwt's builder
	 * would not produce.
	 */
	static String rawHs256(String payload) throws Exception {
		String signingInput = base64("{\"alg\":\"HS256\"}") + "." + base64(payload);
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return signingInput + "."
				+ Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void tokenLivingLongerThanTheMaximumLifetimeShouldBeRefused() {
		JwtRules rules = new JwtRules(null, null, Duration.ofSeconds(30), false, null, Duration.ofHours(2));
		JwtVerifier verifier = hmacVerifier(rules);
		Instant now = Instant.now();
		String hour = TestTokens.token("a");
		assertThat(verify(verifier, hour).subject()).isEqualTo("a");
		String day = TestTokens.builder("a")
			.expiration(Date.from(now.plus(Duration.ofDays(1))))
			.signWith(TestTokens.KEY)
			.compact();
		assertRejected(verifier, day, "token lifetime too long");
		String oldIssued = Jwts.builder()
			.subject("a")
			.issuedAt(Date.from(now.minus(Duration.ofDays(30))))
			.expiration(Date.from(now.plus(Duration.ofMinutes(5))))
			.signWith(TestTokens.KEY)
			.compact();
		assertRejected(verifier, oldIssued, "token lifetime too long");
		String noIatDay = Jwts.builder()
			.subject("a")
			.expiration(Date.from(now.plus(Duration.ofDays(1))))
			.signWith(TestTokens.KEY)
			.compact();
		assertRejected(verifier, noIatDay, "token lifetime too long");
		String eternal = Jwts.builder().subject("a").signWith(TestTokens.KEY).compact();
		assertRejected(verifier, eternal, "token lifetime too long");
	}

	private URI serve(AtomicReference<String> document, AtomicInteger fetches) throws IOException {
		this.jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.jwksServer.createContext("/jwks", (exchange) -> {
			fetches.incrementAndGet();
			byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.jwksServer.start();
		return URI.create("http://127.0.0.1:" + this.jwksServer.getAddress().getPort() + "/jwks");
	}

	private static String jwks(Map<String, PublicKey> keys) {
		StringBuilder json = new StringBuilder("{\"keys\":[");
		keys.forEach((kid, key) -> {
			if (json.length() > 9) {
				json.append(',');
			}
			json.append(Jwks.json(Jwks.builder().key(key).idFromThumbprint().id(kid).build()));
		});
		return json.append("]}").toString();
	}

	private static JwtVerifier hmacVerifier(JwtRules rules) {
		return new JwtVerifier(TestTokens.KEY, List.of(), null, rules, Clock.systemUTC());
	}

	private static VerifiedToken verify(JwtVerifier verifier, String token) {
		return verifier.verify(token).block(Duration.ofSeconds(10));
	}

	private static void assertRejected(JwtVerifier verifier, String token, String reason) {
		assertThatThrownBy(() -> verify(verifier, token)).isInstanceOf(TokenRejectedException.class)
			.extracting((ex) -> ((TokenRejectedException) ex).reason())
			.isEqualTo(reason);
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	static String pem(PublicKey key) {
		return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
	}

}
