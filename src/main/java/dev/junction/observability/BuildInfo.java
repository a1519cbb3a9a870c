package dev.junction.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code junction_build_info}: always 1, so that a dashboard can join any series to the
 * build that produced it. The version comes from the jar's
 * {@code META-INF/build-info.properties}, the commit from its {@code git.properties}
 * ({@code unknown} when the jar was built outside a Git checkout, as in the container
 * build), the Java version from the running JVM.
 */
@Configuration(proxyBeanMethods = false)
public class BuildInfo {

	private static final String UNKNOWN = "unknown";

	@Bean
	MeterBinder junctionBuildInfo(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git,
			@Value("${junction.version:unknown}") String configuredVersion) {
		BuildProperties buildProperties = build.getIfAvailable();
		String builtVersion = (buildProperties != null) ? buildProperties.getVersion() : null;
		String version = (builtVersion != null) ? builtVersion : configuredVersion;
		GitProperties gitProperties = git.getIfAvailable();
		String shortCommit = (gitProperties != null) ? gitProperties.getShortCommitId() : null;
		String commit = (shortCommit != null) ? shortCommit : UNKNOWN;
		String javaVersion = System.getProperty("java.version", UNKNOWN);
		JunctionMeters meter = JunctionMeters.BUILD_INFO;
		return (registry) -> Gauge.builder(meter.meterName(), () -> 1)
			.description(meter.description())
			.tags("version", version, "commit", commit, "java.version", javaVersion)
			.register(registry);
	}

}
