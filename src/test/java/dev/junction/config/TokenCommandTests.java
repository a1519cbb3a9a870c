package dev.junction.config;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import dev.junction.support.TestTokens;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token command, run in-process as {@code java -jar junction.jar token ...} runs it:
 * minted tokens verify with the same configuration, refusals say why, and nothing prints
 * the secret.
 */
class TokenCommandTests {

	private static final String SECRET_ARG = "--junction.auth.hmac-secret=" + TestTokens.SECRET;

	@Test
	void mintShouldPrintATokenSignedWithTheConfiguredSecret() {
		Result minted = run("--sub", "alice", "--ttl", "2h", "--room", "ABC123", "--sid", "One1", "--sid=Two2",
				SECRET_ARG);
		assertThat(minted.code()).isZero();
		assertThat(minted.err()).isEmpty();
		Claims claims = Jwts.parser().verifyWith(TestTokens.KEY).build().parseSignedClaims(minted.token()).getPayload();
		assertThat(claims.getSubject()).isEqualTo("alice");
		assertThat(claims.get("room")).isEqualTo("ABC123");
		assertThat(claims.get("sid")).isEqualTo(List.of("One1", "Two2"));
		assertThat(Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant()))
			.isEqualTo(Duration.ofHours(2));
		assertThat(minted.out() + minted.err()).doesNotContain(TestTokens.SECRET);
	}

	@Test
	void mintedTokenShouldVerifyWithTheSameConfiguration() {
		String token = run("--sub", "alice", "--topic", "news", SECRET_ARG).token();
		Result verified = run("--verify", token, SECRET_ARG);
		assertThat(verified.code()).isZero();
		assertThat(verified.out()).startsWith("accepted: sub=alice, topic=news, expires ").endsWith("; opens topics\n");
		assertThat(verified.out()).doesNotContain(token).doesNotContain(TestTokens.SECRET);
	}

	@Test
	void mintShouldCarryTheConfiguredIssuerAudienceAndTokenUse() {
		String[] configuration = { SECRET_ARG, "--junction.auth.issuer=https://issuer.example",
				"--junction.auth.audience=junction", "--junction.auth.token-use=access" };
		Result minted = run(with(configuration, "--sub", "alice"));
		assertThat(minted.code()).isZero();
		Claims claims = Jwts.parser().verifyWith(TestTokens.KEY).build().parseSignedClaims(minted.token()).getPayload();
		assertThat(claims.getIssuer()).isEqualTo("https://issuer.example");
		assertThat(claims.getAudience()).containsExactly("junction");
		assertThat(claims.get("token_use")).isEqualTo("access");
		assertThat(run(with(configuration, "--verify", minted.token())).code()).isZero();
	}

	@Test
	void verifyShouldRefuseAnExpiredTokenAndSayWhy() {
		String expired = TestTokens.builder("alice")
			.issuedAt(Date.from(Instant.now().minus(Duration.ofHours(2))))
			.expiration(Date.from(Instant.now().minus(Duration.ofHours(1))))
			.signWith(TestTokens.KEY)
			.compact();
		Result refused = run("--verify", expired, SECRET_ARG);
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.out()).isEqualTo("refused: token expired\n");
	}

	@Test
	void verifyShouldRefuseATokenSignedWithAnotherKey() {
		String other = TestTokens.builder("alice")
			.signWith(Keys.hmacShaKeyFor("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8)))
			.compact();
		Result refused = run("--verify", other, SECRET_ARG);
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.out()).isEqualTo("refused: invalid signature\n");
	}

	@Test
	void verifyShouldRefuseAWrongAudienceAndMintShouldWarnAboutIt() {
		String audience = "--junction.auth.audience=junction";
		Result minted = run("--sub", "alice", "--aud", "elsewhere", SECRET_ARG, audience);
		assertThat(minted.code()).isEqualTo(1);
		assertThat(minted.err()).contains("this configuration would refuse the token: invalid audience");
		Result refused = run("--verify", minted.token(), SECRET_ARG, audience);
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.out()).isEqualTo("refused: invalid audience\n");
	}

	@Test
	void mintLongerThanTheMaximumLifetimeShouldWarn() {
		Result minted = run("--sub", "alice", "--ttl", "2h", SECRET_ARG, "--junction.auth.max-token-lifetime=1h");
		assertThat(minted.code()).isEqualTo(1);
		assertThat(minted.err()).contains("would refuse the token: token lifetime too long");
	}

	@Test
	void mintWithAPrivateKeyShouldVerifyAgainstTheConfiguredPublicKey(@TempDir Path dir) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		Path privateKey = Files.writeString(dir.resolve("private.pem"),
				pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
		Path publicKey = Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
		String trusted = "--junction.auth.public-keys=file:" + publicKey;
		Result minted = run("--sub", "alice", "--private-key", privateKey.toString(), trusted);
		assertThat(minted.code()).isZero();
		assertThat(minted.err()).isEmpty();
		assertThat(Jwts.parser().verifyWith(pair.getPublic()).build().parseSignedClaims(minted.token()).getHeader())
			.containsEntry("alg", "ES256");
		assertThat(run("--verify", minted.token(), trusted).code()).isZero();
		assertThat(run("--verify", minted.token(), SECRET_ARG).out()).isEqualTo("refused: unsupported algorithm\n");
	}

	@Test
	void mintWithoutAKeyShouldFailWithWhatToSet() {
		Result failed = run("--sub", "alice");
		assertThat(failed.code()).isEqualTo(2);
		assertThat(failed.out()).isEmpty();
		assertThat(failed.err()).contains("no signing key: set junction.auth.hmac-secret");
	}

	@Test
	void verifyWithoutAKeyShouldRefuse() {
		Result refused = run("--verify", TestTokens.token("alice"));
		assertThat(refused.code()).isEqualTo(1);
		assertThat(refused.out()).startsWith("refused: no key is configured");
	}

	@Test
	void shortSecretShouldFailWithoutPrintingIt() {
		Result failed = run("--sub", "alice", "--junction.auth.hmac-secret=short-secret");
		assertThat(failed.code()).isEqualTo(2);
		assertThat(failed.err()).contains("must be at least 32 bytes (it has 12)").doesNotContain("short-secret");
	}

	@Test
	void badArgumentsShouldPrintTheUsage() {
		Result noSubject = run(SECRET_ARG);
		assertThat(noSubject.code()).isEqualTo(2);
		assertThat(noSubject.err()).startsWith("token: --sub is required to mint a token").contains("Usage:");
		Result badTtl = run("--sub", "alice", "--ttl", "soon");
		assertThat(badTtl.code()).isEqualTo(2);
		assertThat(badTtl.err()).startsWith("token: --ttl 'soon' is not a duration");
		Result unknown = run("--sub", "alice", "--subject");
		assertThat(unknown.err()).startsWith("token: unknown option '--subject'");
		Result help = run("--help");
		assertThat(help.code()).isZero();
		assertThat(help.out()).startsWith("Usage: java -jar junction.jar token --sub <subject>");
	}

	private static String[] with(String[] configuration, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of(configuration));
		return all.toArray(String[]::new);
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
				+ "-----\n";
	}

	static Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = new TokenCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())
			.run(List.of(args));
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Result(int code, String out, String err) {

		String token() {
			assertThat(this.out).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\n");
			return this.out.trim();
		}

	}

}
