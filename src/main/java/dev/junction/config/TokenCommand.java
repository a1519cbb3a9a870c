package dev.junction.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import dev.junction.protocol.pairs.PairsRelayProtocol;
import dev.junction.protocol.rooms.RoomsRelayProtocol;
import dev.junction.protocol.signaling.SignalingRelayProtocol;
import dev.junction.protocol.topics.TopicsRelayProtocol;
import dev.junction.protocol.tunnel.TunnelRelayProtocol;
import dev.junction.security.ClaimScope;
import dev.junction.security.JwtVerifier;
import dev.junction.security.TokenRejectedException;
import dev.junction.security.VerifiedToken;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar junction.jar token}: mints a token with the configured key, or tells
 * whether this configuration accepts a token and why not. It reads configuration as the
 * server does, in a context that holds {@link JunctionProperties} and nothing else, so no
 * port is opened; the verifier is the server's own, built from the same properties.
 */
public final class TokenCommand {

	/** The first argument that runs this command instead of the server. */
	public static final String NAME = "token";

	static final int OK = 0;

	static final int REFUSED = 1;

	static final int FAILED = 2;

	/**
	 * The built-in protocols' binding claims, which say which of them a token opens (the
	 * command runs without the protocols themselves).
	 */
	private static final ClaimScope SCOPE = new ClaimScope(() -> {
		Map<String, Set<String>> claims = new LinkedHashMap<>();
		claims.put(RoomsRelayProtocol.PROTOCOL, RoomsRelayProtocol.BINDING_CLAIMS);
		claims.put(PairsRelayProtocol.PROTOCOL, PairsRelayProtocol.BINDING_CLAIMS);
		claims.put(SignalingRelayProtocol.PROTOCOL, SignalingRelayProtocol.BINDING_CLAIMS);
		claims.put(TunnelRelayProtocol.PROTOCOL, TunnelRelayProtocol.BINDING_CLAIMS);
		claims.put(TopicsRelayProtocol.PROTOCOL, TopicsRelayProtocol.BINDING_CLAIMS);
		return claims;
	});

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, Object> defaults;

	/**
	 * A command that prints to the given streams.
	 * @param out where the token or the verdict goes
	 * @param err where errors and warnings go
	 * @param defaults configuration below every other source (the command line's quiet
	 * logging, so that {@code $(...)} captures the token alone)
	 */
	public TokenCommand(PrintStream out, PrintStream err, Map<String, Object> defaults) {
		this.out = out;
		this.err = err;
		this.defaults = Map.copyOf(defaults);
	}

	/**
	 * Run the command.
	 * @param args the arguments after {@code token}
	 * @return the exit code: 0 minted or accepted, 1 refused, 2 a usage or configuration
	 * error
	 */
	public int run(List<String> args) {
		TokenOptions options;
		try {
			options = TokenOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			this.err.println("token: " + ex.getMessage());
			this.err.println(TokenOptions.USAGE);
			return FAILED;
		}
		if (options.help()) {
			this.out.println(TokenOptions.USAGE);
			return OK;
		}
		List<String> configuration = new ArrayList<>(options.configuration());
		configuration.add("--spring.main.web-application-type=none");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Settings.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(this.defaults)
			.run(configuration.toArray(String[]::new))) {
			AuthProperties auth = context.getBean(JunctionProperties.class).getAuth();
			String token = options.verify();
			return (token != null) ? verify(token, auth, context) : mint(options, auth, context);
		}
		catch (RuntimeException ex) {
			this.err.println("token: " + message(ex));
			return FAILED;
		}
	}

	private int verify(String token, AuthProperties auth, ConfigurableApplicationContext context) {
		if (!hasKey(auth)) {
			this.out.println("refused: no key is configured (junction.auth.hmac-secret, public-keys or jwks-uris)");
			return REFUSED;
		}
		JwtVerifier verifier = verifier(auth, context);
		try {
			VerifiedToken verified = verifier.verify(token.trim()).block(WAIT);
			if (verified == null) {
				throw new IllegalStateException("no answer from the verifier");
			}
			this.out.println("accepted: " + describe(verified));
			return OK;
		}
		catch (TokenRejectedException ex) {
			this.out.println("refused: " + ex.reason());
			return REFUSED;
		}
	}

	private int mint(TokenOptions options, AuthProperties auth, ConfigurableApplicationContext context) {
		String subject = options.subject();
		if (subject == null) {
			throw new IllegalStateException("--sub is required");
		}
		Instant now = Instant.now();
		JwtBuilder builder = Jwts.builder()
			.subject(subject)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(options.ttl())));
		options.claims().forEach((name, values) -> builder.claim(name, (values.size() == 1) ? values.get(0) : values));
		String issuer = (options.issuer() != null) ? options.issuer() : auth.getIssuer();
		if (issuer != null) {
			builder.issuer(issuer);
		}
		String audience = (options.audience() != null) ? options.audience() : auth.getAudience();
		if (audience != null) {
			builder.audience().add(audience);
		}
		if (auth.getTokenUse() != null) {
			builder.claim("token_use", auth.getTokenUse());
		}
		if (options.keyId() != null) {
			builder.header().keyId(options.keyId());
		}
		String privateKey = options.privateKey();
		String secret = auth.getHmacSecret();
		if (privateKey != null) {
			builder.signWith(privateKey(Path.of(privateKey)));
		}
		else if (secret != null && !secret.isEmpty()) {
			byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
			if (bytes.length < 32) {
				throw new IllegalStateException(
						"junction.auth.hmac-secret must be at least 32 bytes (it has " + bytes.length + ")");
			}
			builder.signWith(new SecretKeySpec(bytes, "HmacSHA256"), Jwts.SIG.HS256);
		}
		else {
			throw new IllegalStateException("no signing key: set junction.auth.hmac-secret, or pass --private-key "
					+ "with the private key of a public key in junction.auth.public-keys or the JWKS");
		}
		String token = builder.compact();
		this.out.println(token);
		return selfCheck(token, auth, context);
	}

	/**
	 * A minted token that this configuration would refuse (a lifetime over the maximum,
	 * an issuer given on the command line, a private key Junction does not trust) is
	 * still printed, with the reason on the error stream and exit code 1.
	 */
	private int selfCheck(String token, AuthProperties auth, ConfigurableApplicationContext context) {
		if (!hasKey(auth)) {
			this.err.println("token: warning: no key is configured here, so this configuration cannot check the token");
			return OK;
		}
		try {
			verifier(auth, context).verify(token).block(WAIT);
			return OK;
		}
		catch (TokenRejectedException ex) {
			this.err.println("token: warning: this configuration would refuse the token: " + ex.reason());
			return REFUSED;
		}
	}

	private static JwtVerifier verifier(AuthProperties auth, ConfigurableApplicationContext context) {
		JwtVerifier verifier = SecurityConfiguration.createJwtVerifier(auth, Clock.systemUTC(), context);
		// Tokens without a kid are checked against the JWKS keys already fetched.
		verifier.loadKeys().block(WAIT);
		return verifier;
	}

	private static boolean hasKey(AuthProperties auth) {
		String secret = auth.getHmacSecret();
		return (secret != null && !secret.isEmpty()) || !auth.getPublicKeys().isEmpty()
				|| !auth.getJwksUris().isEmpty();
	}

	private static String describe(VerifiedToken token) {
		List<String> opens = SCOPE.protocols().stream().filter((protocol) -> SCOPE.opens(token, protocol)).toList();
		StringBuilder text = new StringBuilder("sub=").append(token.subject());
		for (String claim : List.of("sid", "room", "topic", "role")) {
			Object value = token.claims().get(claim);
			if (value != null) {
				text.append(", ").append(claim).append('=').append(value);
			}
		}
		Object expiration = token.claims().get("exp");
		if (expiration instanceof Date date) {
			text.append(", expires ").append(date.toInstant());
		}
		else if (expiration instanceof Number seconds) {
			text.append(", expires ").append(Instant.ofEpochSecond(seconds.longValue()));
		}
		return text.append("; opens ").append(String.join(", ", opens)).toString();
	}

	private static PrivateKey privateKey(Path file) {
		String pem;
		try {
			pem = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the private key file " + file + ": " + ex.getMessage());
		}
		int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
		int end = pem.indexOf("-----END PRIVATE KEY-----");
		if (begin < 0 || end < begin) {
			throw new IllegalStateException(file + " is not an unencrypted PKCS#8 private key (BEGIN PRIVATE KEY); "
					+ "convert it with: openssl pkcs8 -topk8 -nocrypt -in <key.pem> -out <pkcs8.pem>");
		}
		byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
		for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// Not this algorithm: PKCS#8 names it inside, try the next.
			}
		}
		throw new IllegalStateException(file + " holds no RSA, EC or Ed25519 private key");
	}

	private static String message(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

	/**
	 * The command's context: Junction's properties, bound as the server binds them.
	 */
	@EnableConfigurationProperties(JunctionProperties.class)
	static class Settings {

	}

}
