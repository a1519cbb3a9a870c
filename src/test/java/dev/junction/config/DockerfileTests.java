package dev.junction.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.junction.JunctionApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The container image's defaults: a configured key is required, and the runtime base
 * image is pinned by digest.
 */
class DockerfileTests {

	private final List<String> lines = read();

	@Test
	void imageShouldRequireAConfiguredKey() {
		assertThat(this.lines).contains("ENV JUNCTION_AUTH_REQUIRE_CONFIGURED_KEY=true");
	}

	@Test
	void runtimeBaseImageShouldBePinnedByDigest() {
		assertThat(this.lines)
			.anyMatch((line) -> line.matches("ARG JRE_IMAGE=eclipse-temurin:17-jre@sha256:[0-9a-f]{64}"));
		assertThat(this.lines).contains("FROM ${JRE_IMAGE}");
	}

	@Test
	void imageEnvironmentWithoutAKeyShouldFailStartUpWithAReadableMessage() {
		// The variable as the image sets it, bound the way the container's environment
		// is.
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							java.util.Map.of("JUNCTION_AUTH_REQUIRE_CONFIGURED_KEY", "true")));
		environment.getPropertySources().addFirst(new MapPropertySource("test", java.util.Map.of("server.port", "0")));
		SpringApplication application = new SpringApplication(JunctionApplication.class);
		application.setEnvironment(environment);
		assertThatThrownBy(() -> application.run().close()).rootCause()
			.hasMessageContaining("No JWT key is configured and junction.auth.require-configured-key is true");
	}

	private static List<String> read() {
		try {
			return Files.readAllLines(Path.of("Dockerfile")).stream().map(String::trim).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
