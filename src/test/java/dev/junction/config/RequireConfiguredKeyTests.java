package dev.junction.config;

import dev.junction.JunctionApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart's {@code junction.auth.require-configured-key=true} stops the whole
 * service from starting without a key, with a message an operator can act on.
 */
class RequireConfiguredKeyTests {

	@Test
	void startUpWithoutAKeyShouldFailWhenAKeyIsRequired() {
		assertThatThrownBy(() -> SpringApplication.run(JunctionApplication.class, "--server.port=0",
				"--junction.auth.require-configured-key=true"))
			.rootCause()
			.hasMessageContaining("No JWT key is configured and junction.auth.require-configured-key is true");
	}

}
