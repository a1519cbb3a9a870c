package dev.junction;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The layering of STYLE.md: the core stands alone, the cluster seams know only the core
 * (and Lettuce, for the Redis ones), the channel layer only the core and the seams'
 * interfaces, protocols know neither each other nor the web layer (they implement
 * {@code RelayProtocol} and the web layer adapts them), and only configuration knows
 * concrete cluster backplanes.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.junction");

	@Test
	void coreShouldDependOnNothingElseInJunctionNorOnSpringWeb() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("dev.junction.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.junction.cluster..", "dev.junction.protocol..", "dev.junction.web..",
					"dev.junction.security..", "dev.junction.observability..", "dev.junction.config..",
					"org.springframework..")
			.check(this.classes);
	}

	@Test
	void clusterShouldDependOnlyOnTheCore() {
		ArchRuleDefinition.classes()
			.that()
			.resideInAPackage("dev.junction.cluster..")
			.and()
			.resideOutsideOfPackage("dev.junction.cluster.redis..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("dev.junction.cluster..", "dev.junction.core..", "java..", "reactor..",
					"org.reactivestreams..", "org.jspecify..", "org.apache.commons.logging..", "org.slf4j..")
			.check(this.classes);
	}

	@Test
	void redisSeamsShouldDependOnlyOnTheCoreTheSeamsAndLettuce() {
		ArchRuleDefinition.classes()
			.that()
			.resideInAPackage("dev.junction.cluster.redis..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("dev.junction.cluster..", "dev.junction.core..", "io.lettuce..", "java..", "reactor..",
					"org.reactivestreams..", "org.jspecify..", "org.apache.commons.logging..", "org.slf4j..")
			.check(this.classes);
	}

	@Test
	void channelLayerShouldDependOnlyOnTheCoreAndTheClusterSeams() {
		ArchRuleDefinition.classes()
			.that()
			.resideInAPackage("dev.junction.channel..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("dev.junction.channel..", "dev.junction.cluster", "dev.junction.core..", "java..",
					"reactor..", "org.reactivestreams..", "org.jspecify..", "org.apache.commons.logging..",
					"org.slf4j..")
			.check(this.classes);
	}

	@Test
	void protocolsShouldNotDependOnEachOther() {
		SlicesRuleDefinition.slices()
			.matching("dev.junction.protocol.(*)..")
			.should()
			.notDependOnEachOther()
			.check(this.classes);
	}

	@Test
	void protocolsShouldNotDependOnTheWebLayerConfigurationOrObservability() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("dev.junction.protocol..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.junction.web..", "dev.junction.config..", "dev.junction.observability..",
					"org.springframework.web.reactive.socket..")
			.check(this.classes);
	}

	@Test
	void onlyConfigurationShouldKnowRedis() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideOutsideOfPackages("dev.junction.config..", "dev.junction.cluster.redis..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.junction.cluster.redis..", "io.lettuce..", "org.springframework.data.redis..")
			.allowEmptyShould(true)
			.check(this.classes);
	}

	@Test
	void noClassShouldBeNamedImplOrLiveInAUtilPackage() {
		ArchRuleDefinition.noClasses()
			.should()
			.haveSimpleNameEndingWith("Impl")
			.orShould()
			.resideInAPackage("..util..")
			.check(this.classes);
	}

}
