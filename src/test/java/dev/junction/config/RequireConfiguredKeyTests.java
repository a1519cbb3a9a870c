package dev.junction.config;

import dev.junction.JunctionApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart's {@code junction.auth.require-configured-key=true} stops the whole
 * service from starting without a key, with a message an operator can act on.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequireConfiguredKeyTests {

	@Test
	void startUpWithoutAKeyShouldFailWhenAKeyIsRequired() {
		assertThatThrownBy(() -> SpringApplication.run(JunctionApplication.class, "--server.port=0",
				"--junction.auth.require-configured-key=true"))
			.rootCause()
			.hasMessageContaining("No JWT key is configured and junction.auth.require-configured-key is true");
	}

	@Test
	void missingKeyShouldEndInTheFailureReportWithoutAStackTrace(CapturedOutput output) {
		assertThatThrownBy(() -> SpringApplication.run(JunctionApplication.class, "--server.port=0",
				"--junction.auth.require-configured-key=true"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:\n\nNo JWT key is configured and junction.auth.require-configured-key is true")
			.contains("Action:\n\nConfigure the key that verifies your tokens: junction.auth.hmac-secret");
		assertThat(output.toString().lines()).noneMatch((line) -> line.contains("JwtKeyException"))
			.noneMatch((line) -> line.trim().startsWith("at "));
	}

	@Test
	void shortSecretShouldEndInTheFailureReportWithoutTheSecret(CapturedOutput output) {
		assertThatThrownBy(() -> SpringApplication.run(JunctionApplication.class, "--server.port=0",
				"--junction.auth.hmac-secret=too-short-a-secret"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("junction.auth.hmac-secret must be at least 32 bytes (it has 18)")
			.contains("openssl rand -base64 48")
			.doesNotContain("too-short-a-secret");
		assertThat(output.toString().lines()).noneMatch((line) -> line.trim().startsWith("at "));
	}

}
