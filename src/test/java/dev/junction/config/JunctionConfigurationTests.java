package dev.junction.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.junction.protocol.pairs.PairsConfiguration;
import dev.junction.protocol.pairs.PairsRelayProtocol;
import dev.junction.protocol.rooms.RoomsConfiguration;
import dev.junction.protocol.rooms.RoomsRelayProtocol;
import dev.junction.protocol.signaling.SignalingConfiguration;
import dev.junction.protocol.signaling.SignalingProperties;
import dev.junction.protocol.signaling.SignalingRelayProtocol;
import dev.junction.protocol.topics.TopicsConfiguration;
import dev.junction.protocol.topics.TopicsProperties;
import dev.junction.protocol.topics.TopicsRelayProtocol;
import dev.junction.protocol.tunnel.TunnelConfiguration;
import dev.junction.web.WebSocketEndpoint;
import dev.junction.security.JwtKeys;
import dev.junction.security.JwtRules;
import dev.junction.security.JwtVerifier;
import dev.junction.support.TestTokens;
import dev.junction.cluster.Directory;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryExpiringStore;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.cluster.redis.RedisBroker;
import dev.junction.cluster.redis.RedisDirectory;
import dev.junction.cluster.redis.RedisExpiringStore;
import dev.junction.cluster.redis.RedisPresence;
import dev.junction.support.TestRedis;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which protocols are served under which properties, and start-up failures for settings
 * this release cannot honour.
 */
class JunctionConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JunctionConfiguration.class, RedisClusterConfiguration.class,
				RoomsConfiguration.class, PairsConfiguration.class, SignalingConfiguration.class,
				TunnelConfiguration.class, TopicsConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void everyProtocolShouldBeServedByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RoomsRelayProtocol.class)
				.hasSingleBean(PairsRelayProtocol.class)
				.hasSingleBean(TopicsRelayProtocol.class);
			List<WebSocketEndpoint> endpoints = endpoints(context);
			assertThat(endpoints).extracting(WebSocketEndpoint::protocol)
				.containsExactly("rooms", "pairs", "signaling", "tunnel", "topics", "root");
			assertThat(endpoints.get(3).paths()).containsExactly("/relay/*");
			assertThat(endpoints.get(3).maxFrameSize()).isEqualTo((int) DataSize.ofMegabytes(16).toBytes());
			assertThat(endpoints.get(4).paths()).containsExactly("/topics");
			assertThat(endpoints.get(0).maxFrameSize()).isEqualTo((int) DataSize.ofMegabytes(32).toBytes());
			assertThat(endpoints.get(2).paths()).containsExactly("/signaling");
			assertThat(endpoints.get(2).maxFrameSize()).isEqualTo((int) DataSize.ofMegabytes(1).toBytes());
		});
	}

	@Test
	void disabledProtocolShouldNotBeServed() {
		this.runner.withPropertyValues("junction.protocols.rooms.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RoomsRelayProtocol.class);
			assertThat(endpoints(context)).extracting(WebSocketEndpoint::protocol)
				.containsExactly("pairs", "signaling", "tunnel", "topics", "root");
		});
	}

	@Test
	void disabledSignalingShouldServeNeitherItsSocketNorItsHttpRoutes() {
		this.runner.withPropertyValues("junction.protocols.signaling.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SignalingRelayProtocol.class);
			assertThat(context.getBean("protocolRoutes", RouterFunction.class).toString())
				.doesNotContain("/create-room");
			assertThat(endpoints(context)).extracting(WebSocketEndpoint::protocol)
				.containsExactly("rooms", "pairs", "tunnel", "topics", "root");
		});
	}

	@Test
	void disabledTopicsShouldNotBeServed() {
		this.runner.withPropertyValues("junction.protocols.topics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TopicsRelayProtocol.class);
			assertThat(endpoints(context)).extracting(WebSocketEndpoint::protocol)
				.containsExactly("rooms", "pairs", "signaling", "tunnel", "root");
		});
	}

	@Test
	void signalingFrameLimitShouldBeOneMebibyteUnlessSetForSignaling() {
		this.runner
			.withPropertyValues("junction.limits.max-frame-size=8MB", "junction.protocols.signaling.max-frame-size=2MB")
			.run((context) -> assertThat(endpoints(context).get(2).maxFrameSize())
				.isEqualTo((int) DataSize.ofMegabytes(2).toBytes()));
	}

	@Test
	void signalingSettingsShouldBind() {
		this.runner
			.withPropertyValues("junction.protocols.signaling.ping-interval=5s",
					"junction.protocols.signaling.room-ttl=30m",
					"junction.protocols.signaling.ice-servers[0].urls[0]=stun:stun.example.org:3478",
					"junction.protocols.signaling.ice-servers[1].urls[0]=turn:turn.example.org",
					"junction.protocols.signaling.ice-servers[1].username=u",
					"junction.protocols.signaling.ice-servers[1].credential=c",
					"junction.protocols.signaling.anonymous-signin=true")
			.run((context) -> {
				SignalingProperties signaling = context.getBean(SignalingProperties.class);
				assertThat(signaling.getPingInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(signaling.getRoomTtl()).isEqualTo(Duration.ofMinutes(30));
				assertThat(signaling.isAnonymousSignin()).isTrue();
				assertThat(signaling.getIceServers()).hasSize(2);
				assertThat(signaling.getIceServers().get(0).getUrls()).containsExactly("stun:stun.example.org:3478");
				assertThat(signaling.getIceServers().get(1).getUsername()).isEqualTo("u");
				assertThat(signaling.getIceServers().get(1).getCredential()).isEqualTo("c");
			});
	}

	@Test
	void topicsFrameLimitAndStatsIntervalShouldBeConfigurable() {
		this.runner
			.withPropertyValues("junction.protocols.topics.max-frame-size=2MB",
					"junction.protocols.topics.stats-interval=30s")
			.run((context) -> {
				assertThat(endpoints(context).get(4).maxFrameSize()).isEqualTo((int) DataSize.ofMegabytes(2).toBytes());
				assertThat(context.getBean(TopicsProperties.class).getStatsInterval())
					.isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void perProtocolFrameLimitShouldOverrideTheGlobalOne() {
		this.runner
			.withPropertyValues("junction.limits.max-frame-size=8MB", "junction.protocols.rooms.max-frame-size=20MB")
			.run((context) -> {
				List<WebSocketEndpoint> endpoints = endpoints(context);
				assertThat(endpoints.get(0).maxFrameSize()).isEqualTo((int) DataSize.ofMegabytes(20).toBytes());
				// pairs answers messages over its 10MB message limit with an error, so it
				// must accept frames of at least that size.
				assertThat(endpoints.get(1).maxFrameSize()).isEqualTo((int) DataSize.ofMegabytes(10).toBytes());
			});
	}

	@Test
	void protocolPathsShouldMoveWhenConfigured() {
		this.runner
			.withPropertyValues("junction.protocols.rooms.paths=/legacy/ws,/r/**",
					"junction.protocols.topics.paths=/relay-topics")
			.run((context) -> {
				List<WebSocketEndpoint> endpoints = endpoints(context);
				assertThat(endpoints.get(0).paths()).containsExactly("/legacy/ws", "/r/**");
				assertThat(endpoints.stream().filter((endpoint) -> endpoint.protocol().equals("topics")).findFirst())
					.hasValueSatisfying((topics) -> assertThat(topics.paths()).containsExactly("/relay-topics"));
			});
	}

	@Test
	void memoryModeShouldStartWithoutRedisAndCreateNothingOfIt() {
		this.runner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(InMemoryBroker.class)
				.hasSingleBean(InMemoryPresence.class)
				.hasSingleBean(InMemoryDirectory.class)
				.hasSingleBean(InMemoryExpiringStore.class)
				.doesNotHaveBean(RedisClient.class)
				.doesNotHaveBean(RedisBroker.class);
		});
	}

	@Test
	void redisModeShouldProvideTheRedisSeamsInsteadOfTheInMemoryOnes() {
		try (TestRedis redis = TestRedis.connect()) {
			this.runner
				.withPropertyValues("junction.cluster.mode=redis",
						"spring.data.redis.url=" + System.getProperty(TestRedis.URI, "redis://127.0.0.1:6379"),
						"junction.cluster.key-prefix=" + redis.prefix())
				.run((context) -> {
					assertThat(context).hasNotFailed()
						.hasSingleBean(RedisBroker.class)
						.hasSingleBean(RedisPresence.class)
						.hasSingleBean(RedisDirectory.class)
						.hasSingleBean(RedisExpiringStore.class)
						.doesNotHaveBean(InMemoryBroker.class)
						.doesNotHaveBean(InMemoryPresence.class);
					assertThat(context.getBean(Directory.class).claim("k", "n.1", null).block(Duration.ofSeconds(10)))
						.isTrue();
				});
		}
	}

	@Test
	void unknownClusterModeShouldFailStartUpNamingTheProperty() {
		this.runner.withPropertyValues("junction.cluster.mode=postgres").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'junction.cluster.mode'");
		});
	}

	@Test
	void unknownAuthPolicyShouldFailStartUp() {
		this.runner.withPropertyValues("junction.protocols.pairs.auth=sometimes")
			.run((context) -> assertThat(context).hasFailed());
	}

	@SuppressWarnings("unchecked")
	private static List<WebSocketEndpoint> endpoints(org.springframework.context.ApplicationContext context) {
		return (List<WebSocketEndpoint>) context.getBean("webSocketEndpoints");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(JunctionProperties.class)
	static class PropertiesConfiguration {

		@Bean
		JwtVerifier jwtVerifier() {
			return JwtKeys.verifier(new JwtKeys.KeySettings(TestTokens.SECRET, List.of(), List.of(),
					Duration.ofMinutes(1), new JwtRules(null, null, Duration.ofSeconds(30), true, null), true),
					Clock.systemUTC());
		}

		@Bean
		dev.junction.security.AuthFailures authFailures() {
			return dev.junction.security.AuthFailures.NONE;
		}

	}

}
