package dev.junction.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Key material at start-up: the ephemeral first-run key and its token, the refusal to
 * start without a key when configured so, and bad secrets.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtKeysTests {

	private static final JwtRules RULES = new JwtRules(null, null, Duration.ofSeconds(30), true, null);

	@Test
	void noKeyShouldStartWithAnEphemeralKeyAndLogAWorkingToken(CapturedOutput output) {
		JwtVerifier verifier = JwtKeys.verifier(settings(null, false), Clock.systemUTC());
		assertThat(output.getOut()).contains("WARN").contains("ephemeral HMAC key");
		Matcher token = Pattern.compile("valid for 24 hours: (\\S+)").matcher(output.getOut());
		assertThat(token.find()).isTrue();
		VerifiedToken verified = verifier.verify(token.group(1)).block(Duration.ofSeconds(5));
		assertThat(verified.subject()).isEqualTo("quickstart");
		// A second start has another key: the old token does not open it.
		JwtVerifier restarted = JwtKeys.verifier(settings(null, false), Clock.systemUTC());
		assertThatThrownBy(() -> restarted.verify(token.group(1)).block(Duration.ofSeconds(5)))
			.isInstanceOf(TokenRejectedException.class);
	}

	@Test
	void requireConfiguredKeyShouldFailStartUpWithoutAKey() {
		assertThatThrownBy(() -> JwtKeys.verifier(settings(null, true), Clock.systemUTC()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("No JWT key is configured")
			.hasMessageContaining("junction.auth.hmac-secret");
	}

	@Test
	void configuredKeyShouldNotLogAnyToken(CapturedOutput output) {
		JwtKeys.verifier(settings("a-secret-of-at-least-thirty-two-bytes", true), Clock.systemUTC());
		assertThat(output.getOut()).doesNotContain("valid for 24 hours");
	}

	@Test
	void shortHmacSecretShouldFailStartUp() {
		assertThatThrownBy(() -> JwtKeys.verifier(settings("short", false), Clock.systemUTC()))
			.hasMessageContaining("at least 32 bytes");
	}

	private static JwtKeys.KeySettings settings(String secret, boolean requireConfiguredKey) {
		return new JwtKeys.KeySettings(secret, List.of(), List.of(), Duration.ofMinutes(1), RULES,
				requireConfiguredKey);
	}

}
