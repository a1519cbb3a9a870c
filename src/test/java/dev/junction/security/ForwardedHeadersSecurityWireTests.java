package dev.junction.security;

import java.util.HashMap;
import java.util.Map;

import dev.junction.core.ConnectionRegistry;
import dev.junction.support.RawWebSocket;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On Kubernetes, where Spring Boot would believe {@code X-Forwarded-For} from anyone, a
 * client that sends a new forwarded address with every request is still one address to
 * the per-address limits; only a trusted proxy's forwarding counts.
 */
class ForwardedHeadersSecurityWireTests {

	void assertForgedAddressesShareOneCap(int port, ConnectionRegistry connections) throws Exception {
		try (RawWebSocket first = RawWebSocket.upgrade(port, "/ws", "X-Forwarded-For: 203.0.113.1");
				RawWebSocket second = RawWebSocket.upgrade(port, "/ws", "X-Forwarded-For: 203.0.113.2")) {
			assertThat(first.status()).isEqualTo(101);
			assertThat(second.status()).isEqualTo(101);
			await().until(() -> connections.countByAddress("127.0.0.1") == 2);
			assertThat(connections.countByAddress("203.0.113.1")).isZero();
			try (RawWebSocket third = RawWebSocket.upgrade(port, "/ws", "X-Forwarded-For: 203.0.113.3",
					"Forwarded: for=203.0.113.3")) {
				assertThat(third.status()).isEqualTo(429);
				assertThat(third.body()).isEqualTo("too many connections from this address");
			}
		}
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.main.cloud-platform=kubernetes",
			"junction.protocols.rooms.auth=none", "junction.limits.max-connections-per-address=2" })
	class KubernetesPlatform {

		@LocalServerPort
		int port;

		@Autowired
		ConnectionRegistry connections;

		@Test
		void forwardedForFromAnUntrustedPeerShouldNotEvadeTheAddressCap() throws Exception {
			assertForgedAddressesShareOneCap(this.port, this.connections);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "junction.protocols.rooms.auth=none", "junction.limits.max-connections-per-address=2" })
	@ContextConfiguration(initializers = KubernetesVariables.class)
	class KubernetesEnvironmentVariables {

		@LocalServerPort
		int port;

		@Autowired
		ConnectionRegistry connections;

		@Test
		void forwardedForFromAnUntrustedPeerShouldNotEvadeTheAddressCapInAPod() throws Exception {
			assertForgedAddressesShareOneCap(this.port, this.connections);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.cloud-platform=kubernetes", "junction.protocols.rooms.auth=none",
					"junction.security.trusted-proxies=127.0.0.1",
					"junction.limits.upgrades-per-second-per-address=2" })
	class TrustedProxy {

		@LocalServerPort
		int port;

		@Autowired
		ConnectionRegistry connections;

		@Test
		void forwardedForFromATrustedProxyShouldBeTheClientAddress() throws Exception {
			try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/ws",
					"X-Forwarded-For: 198.51.100.1, 203.0.113.9")) {
				assertThat(client.status()).isEqualTo(101);
				await().until(() -> this.connections.countByAddress("203.0.113.9") == 1);
				assertThat(this.connections.countByAddress("127.0.0.1")).isZero();
			}
			// Each forwarded client has an upgrade rate of its own.
			for (int i = 1; i <= 3; i++) {
				try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/ws", "X-Forwarded-For: 198.51.100." + i)) {
					assertThat(client.status()).isEqualTo(101);
				}
			}
		}

	}

	/**
	 * The variables every Kubernetes pod has, added to the system environment as Spring
	 * Boot's platform detection reads it.
	 */
	static class KubernetesVariables implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
			Map<String, Object> variables = new HashMap<>(context.getEnvironment().getSystemEnvironment());
			variables.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
			variables.put("KUBERNETES_SERVICE_PORT", "443");
			sources.replace(name, new SystemEnvironmentPropertySource(name, variables));
		}

	}

}
