package dev.junction.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.junction.config.AuthProperties;
import dev.junction.config.JunctionProperties;
import dev.junction.config.LimitsProperties;
import dev.junction.protocol.pairs.PairsProperties;
import dev.junction.protocol.rooms.RoomsProperties;
import dev.junction.protocol.signaling.SignalingProperties;
import dev.junction.protocol.topics.TopicsProperties;
import dev.junction.protocol.tunnel.TunnelProperties;
import dev.junction.security.AuthPolicy;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Lints and renders the Helm chart in {@code helm/junction} with the Helm library (no
 * helm binary, no cluster) and checks what would reach Kubernetes: probes, shutdown
 * timing, the key secret, the security context, the container environment and the
 * optional objects.
 */
class HelmChartTests {

	private static final Path CHART = Path.of("helm", "junction");

	private static final Path EVERY_SETTING = Path.of("src", "test", "resources", "helm", "every-setting.yaml");

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private static final List<String> FREE_FORM = List.of("resources", "strategy");

	private static final List<String> PROTOCOLS = List.of("rooms", "pairs", "signaling", "tunnel", "topics");

	@Test
	void lintShouldPass() {
		LintResult result = new Helm(CHART).lint().strict().call();
		assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
	}

	@Test
	void probesShouldUseHealthGroupsOnTheManagementPort() {
		Rendered rendered = render(keyed());
		Map<String, Object> container = container(rendered);
		assertThat(list(container, "ports")).containsExactly(
				Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"),
				Map.of("name", "management", "containerPort", 9090, "protocol", "TCP"));
		assertThat(env(rendered)).containsEntry("MANAGEMENT_SERVER_PORT", "9090");
		assertThat(map(container, "livenessProbe", "httpGet")).containsEntry("path", "/actuator/health/liveness")
			.containsEntry("port", "management");
		assertThat(map(container, "readinessProbe", "httpGet")).containsEntry("path", "/actuator/health/readiness")
			.containsEntry("port", "management");
		assertThat(map(container, "startupProbe", "httpGet")).containsEntry("path", "/actuator/health/liveness")
			.containsEntry("port", "management");
	}

	@Test
	void managementPortZeroShouldKeepTheActuatorOnHttp() {
		Rendered rendered = render(keyed().set("management.port", 0));
		Map<String, Object> container = container(rendered);
		assertThat(list(container, "ports")).singleElement()
			.satisfies((port) -> assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 8080));
		assertThat(env(rendered)).doesNotContainKey("MANAGEMENT_SERVER_PORT");
		assertThat(map(container, "livenessProbe", "httpGet")).containsEntry("port", "http");
		assertThat(list(map(rendered.one("Service"), "spec"), "ports")).singleElement()
			.satisfies((port) -> assertThat(port).containsEntry("targetPort", "http"));
	}

	@Test
	void ingressShouldRouteOnlyToThePublicPortWhileTheActuatorHasItsOwn() {
		Rendered rendered = render(keyed().set("ingress.enabled", true)
			.set("security.trustedProxies[0]", "10.0.0.0/8")
			.set("serviceMonitor.enabled", true));
		List<Map<String, Object>> ports = list(map(rendered.one("Service"), "spec"), "ports");
		assertThat(ports).extracting((port) -> port.get("name")).containsExactly("http", "management");
		assertThat(ports.get(0)).containsEntry("port", 80).containsEntry("targetPort", "http");
		assertThat(ports.get(1)).containsEntry("port", 9090).containsEntry("targetPort", "management");
		Map<String, Object> rule = list(map(rendered.one("Ingress"), "spec"), "rules").get(0);
		assertThat(list(map(rule, "http"), "paths")).allSatisfy(
				(path) -> assertThat(map(path, "backend", "service")).containsEntry("port", Map.of("number", 80)));
		Map<String, Object> endpoint = list(map(rendered.one("ServiceMonitor"), "spec"), "endpoints").get(0);
		assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
	}

	@Test
	void networkPolicyShouldBeOnByDefaultAdmittingIngressControllerAndMonitoring() {
		Map<String, Object> policy = render(keyed()).one("NetworkPolicy");
		Map<String, Object> spec = map(policy, "spec");
		assertThat(spec.get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		List<Map<String, Object>> ingress = list(spec, "ingress");
		assertThat(ingress).hasSize(2);
		assertThat(ingress.get(0)).containsEntry("ports", List.of(Map.of("port", "http", "protocol", "TCP")))
			.containsEntry("from", List.of(Map.of("namespaceSelector",
					Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")))));
		assertThat(ingress.get(1)).containsEntry("ports", List.of(Map.of("port", "management", "protocol", "TCP")))
			.containsEntry("from", List.of(Map.of("namespaceSelector",
					Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")))));
		List<Map<String, Object>> egress = list(spec, "egress");
		assertThat(egress).singleElement()
			.satisfies((rule) -> assertThat(rule).containsEntry("ports",
					List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP"))));
	}

	@Test
	void networkPolicyEgressShouldOpenJwksAndRedisWhenUsed() {
		Map<String, Object> spec = map(render(keyed().set("auth.jwksUris[0]", "https://idp.example.com/jwks")
			.set("networkPolicy.egress.jwksCidrs[0]", "203.0.113.0/24")
			.set("cluster.mode", "redis")
			.set("cluster.redis.url", "redis://redis:6379")
			.set("autoscaling.enabled", true)).one("NetworkPolicy"), "spec");
		List<Map<String, Object>> egress = list(spec, "egress");
		assertThat(egress).hasSize(3);
		assertThat(egress.get(1)).containsEntry("ports", List.of(Map.of("port", 443, "protocol", "TCP")))
			.containsEntry("to", List.of(Map.of("ipBlock", Map.of("cidr", "203.0.113.0/24"))));
		assertThat(egress.get(2)).containsEntry("ports", List.of(Map.of("port", 6379, "protocol", "TCP")));
	}

	@Test
	void terminationGracePeriodShouldExceedPreStopAndDrain() {
		assertGraceCoversDrain(render(keyed()), 10);
		assertGraceCoversDrain(render(keyed().set("shutdown.drainTimeoutSeconds", 90)), 90);
	}

	@Test
	void renderWithoutKeyShouldFail() {
		assertThatIllegalStateException().isThrownBy(() -> render(template()))
			.withMessageContaining("a JWT key is required: set auth.existingSecret");
	}

	@Test
	void renderWithShortHmacSecretShouldFail() {
		assertThatIllegalStateException().isThrownBy(() -> render(template().set("auth.hmacSecret", "too-short")))
			.withMessageContaining("auth.hmacSecret must be at least 32 bytes");
	}

	@Test
	void renderWithOnlyJwksUriShouldNotCreateSecret() {
		Rendered rendered = render(template().set("auth.jwksUris[0]", "https://idp.example.com/jwks.json"));
		assertThat(rendered.all("Secret")).isEmpty();
		assertThat(env(rendered)).containsEntry("JUNCTION_AUTH_JWKS_URIS_0", "https://idp.example.com/jwks.json")
			.doesNotContainKey("JUNCTION_AUTH_HMAC_SECRET");
	}

	@Test
	void schemaShouldRejectUnknownAuthPolicy() {
		assertThatIllegalStateException().isThrownBy(() -> render(keyed().set("protocols.rooms.auth", "sometimes")))
			.withMessageContaining("/protocols/rooms/auth");
	}

	@Test
	void schemaShouldRejectNegativeReplicaCount() {
		assertThatIllegalStateException().isThrownBy(() -> render(keyed().set("replicaCount", -1)))
			.withMessageContaining("/replicaCount");
	}

	@Test
	void schemaShouldRejectMalformedDurationAndSize() {
		assertThatIllegalStateException().isThrownBy(() -> render(keyed().set("keepalive.timeout", "a minute")))
			.withMessageContaining("/keepalive/timeout");
		assertThatIllegalStateException().isThrownBy(() -> render(keyed().set("limits.maxFrameSize", "32 megs")))
			.withMessageContaining("/limits/maxFrameSize");
	}

	@Test
	void schemaShouldRejectMisspelledValue() {
		assertThatIllegalStateException().isThrownBy(() -> render(keyed().set("protocols.room.auth", "none")))
			.withMessageContaining("room");
	}

	@Test
	void severalPodsInMemoryModeShouldFail() {
		assertThatIllegalStateException().isThrownBy(() -> render(keyed().set("replicaCount", 3)))
			.withMessageContaining("replicaCount=3 needs cluster.mode=redis");
	}

	@Test
	void everyProtocolSettingShouldReachContainerEnv() {
		Map<String, String> env = env(render(template().withValuesFile(EVERY_SETTING)));
		Map<String, Object> protocols = map(new Yaml().load(read(EVERY_SETTING)), "protocols");
		for (String name : PROTOCOLS) {
			Map<String, Object> protocol = map(protocols, name);
			String prefix = "JUNCTION_PROTOCOLS_" + name.toUpperCase(Locale.ROOT) + "_";
			assertThat(env).containsEntry(prefix + "ENABLED", String.valueOf(protocol.get("enabled")))
				.containsEntry(prefix + "AUTH", String.valueOf(protocol.get("auth")))
				.containsEntry(prefix + "MAX_FRAME_SIZE", String.valueOf(protocol.get("maxFrameSize")));
		}
		RoomsProperties rooms = bind(env, "junction.protocols.rooms", RoomsProperties.class);
		assertThat(rooms.isEnabled()).isFalse();
		assertThat(rooms.getAuth()).isEqualTo(AuthPolicy.NONE);
		assertThat(rooms.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(8));
		assertThat(rooms.getGracePeriod()).isZero();
		assertThat(rooms.getFailedJoinLimit()).isEqualTo(9);
		assertThat(rooms.getFailedJoinPeriod()).isEqualTo(Duration.ofMinutes(2));
		assertThat(rooms.getMaxMembers()).isEqualTo(64);
		assertThat(rooms.getMaxRooms()).isEqualTo(500);
		PairsProperties pairs = bind(env, "junction.protocols.pairs", PairsProperties.class);
		assertThat(pairs.isEnabled()).isFalse();
		assertThat(pairs.getAuth()).isEqualTo(AuthPolicy.OPTIONAL);
		assertThat(pairs.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(12));
		assertThat(pairs.getMaxMessageSize()).isEqualTo(DataSize.ofMegabytes(2));
		assertThat(pairs.getInactivityTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(pairs.getSweepInterval()).isEqualTo(Duration.ofMinutes(1));
		assertThat(pairs.getMaxSessions()).isEqualTo(600);
		SignalingProperties signaling = bind(env, "junction.protocols.signaling", SignalingProperties.class);
		assertThat(signaling.isEnabled()).isFalse();
		assertThat(signaling.getAuth()).isEqualTo(AuthPolicy.NONE);
		assertThat(signaling.getMaxFrameSize()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(signaling.getMaxRooms()).isEqualTo(700);
		TunnelProperties tunnel = bind(env, "junction.protocols.tunnel", TunnelProperties.class);
		assertThat(tunnel.isEnabled()).isFalse();
		assertThat(tunnel.getAuth()).isEqualTo(AuthPolicy.OPTIONAL);
		assertThat(tunnel.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(20));
		assertThat(tunnel.getBufferSize()).isEqualTo(DataSize.ofMegabytes(4));
		assertThat(tunnel.getWaitTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(tunnel.getAuthTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(tunnel.getIdleTimeout()).isEqualTo(Duration.ofMinutes(15));
		TopicsProperties topics = bind(env, "junction.protocols.topics", TopicsProperties.class);
		assertThat(topics.isEnabled()).isFalse();
		assertThat(topics.getAuth()).isEqualTo(AuthPolicy.NONE);
		assertThat(topics.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(4));
		assertThat(topics.getStatsInterval()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void everyOtherSettingShouldBindToJunctionProperties() {
		Map<String, String> env = env(render(template().withValuesFile(EVERY_SETTING)));
		assertThat(env).containsEntry("JUNCTION_LIMITS_MAX_CONNECTIONS", "2000000")
			.containsEntry("JUNCTION_SHUTDOWN_DRAIN_TIMEOUT", "25s")
			.containsEntry("JUNCTION_SHUTDOWN_DRAIN_SPREAD", "2s");
		JunctionProperties bound = bind(env);
		LimitsProperties limits = bound.getLimits();
		assertThat(limits.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(48));
		assertThat(limits.getOutboundQueueMessages()).isEqualTo(2048);
		assertThat(limits.getOutboundQueueBytes()).isEqualTo(DataSize.ofMegabytes(16));
		assertThat(limits.getInboundMessagesPerSecond()).isEqualTo(250);
		assertThat(limits.getInboundBytesPerSecond()).isEqualTo(DataSize.ofMegabytes(128));
		assertThat(limits.getUpgradesPerSecondPerAddress()).isEqualTo(5);
		assertThat(limits.getFailedAuthPerMinutePerAddress()).isEqualTo(3);
		assertThat(limits.getMaxConnections()).isEqualTo(2_000_000);
		assertThat(limits.getMaxConnectionsPerAddress()).isEqualTo(50);
		assertThat(limits.getMaxConnectionsPerSubject()).isEqualTo(7);
		assertThat(limits.getUnauthenticatedFrameSize()).isEqualTo(DataSize.ofKilobytes(32));
		assertThat(bound.getKeepalive().getInterval()).isEqualTo(Duration.ofSeconds(15));
		assertThat(bound.getKeepalive().getTimeout()).isEqualTo(Duration.ofSeconds(40));
		assertThat(bound.getShutdown().getDrainTimeout()).isEqualTo(Duration.ofSeconds(25));
		assertThat(bound.getShutdown().getCloseTimeout()).isEqualTo(Duration.ofSeconds(3));
		AuthProperties auth = bound.getAuth();
		assertThat(auth.getPublicKeys()).containsExactly("file:/keys/a.pem", "file:/keys/b.pem");
		assertThat(auth.getJwksUris()).containsExactly(URI.create("https://idp.example.com/.well-known/jwks.json"));
		assertThat(auth.getIssuer()).isEqualTo("https://idp.example.com");
		assertThat(auth.getAudience()).isEqualTo("junction-clients");
		assertThat(auth.getTokenUse()).isEqualTo("id");
		assertThat(auth.getLeeway()).isEqualTo(Duration.ofSeconds(45));
		assertThat(auth.getMaxTokenLifetime()).isEqualTo(Duration.ofHours(12));
		assertThat(auth.isRequireExpiration()).isFalse();
		assertThat(auth.getJwksRefreshInterval()).isEqualTo(Duration.ofMinutes(20));
		assertThat(auth.getJwksMinRefreshInterval()).isEqualTo(Duration.ofMinutes(2));
		assertThat(auth.isRequireConfiguredKey()).isTrue();
		assertThat(bound.getSecurity().getAllowedOrigins()).containsExactly("https://app.example.com",
				"https://admin.example.com");
		assertThat(bound.getSecurity().getTrustedProxies()).containsExactly("10.0.0.0/8");
		assertThat(bound.getSecurity().isRequireSessionClaim()).isFalse();
		assertThat(env).containsEntry("JUNCTION_ACCESS_LOG_ENABLED", "true")
			.containsEntry("JUNCTION_ROOT_ENABLED", "false")
			.containsEntry("JUNCTION_ROOT_MAX_FRAMES", "4")
			.containsEntry("JUNCTION_ROOT_TIMEOUT", "3s");
	}

	@Test
	void defaultValuesShouldMatchApplicationDefaults() {
		JunctionProperties bound = bind(env(render(keyed())));
		assertThat(bound).as("values.yaml should keep JunctionProperties' defaults")
			.usingRecursiveComparison()
			.ignoringFields("auth.hmacSecret", "auth.requireConfiguredKey", "security.requireSessionClaim")
			.isEqualTo(new JunctionProperties());
	}

	@Test
	void productionValuesShouldRequireSessionClaim() {
		Map<String, String> env = env(render(keyed()));
		assertThat(env).containsEntry("JUNCTION_SECURITY_REQUIRE_SESSION_CLAIM", "true");
		assertThat(bind(env).getSecurity().isRequireSessionClaim()).isTrue();
	}

	@Test
	void requireConfiguredKeyShouldAlwaysBeTrue() {
		assertThat(env(render(keyed()))).containsEntry("JUNCTION_AUTH_REQUIRE_CONFIGURED_KEY", "true");
		assertThat(env(render(template().withValuesFile(EVERY_SETTING))))
			.containsEntry("JUNCTION_AUTH_REQUIRE_CONFIGURED_KEY", "true");
	}

	@Test
	void hmacSecretShouldComeFromChartSecret() {
		Rendered rendered = render(keyed());
		Map<String, Object> secret = rendered.one("Secret");
		assertThat(map(secret, "metadata")).containsEntry("name", "junction");
		assertThat(map(secret, "data")).containsEntry("hmac-secret",
				Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
		assertThat(secretKeyRef(rendered, "JUNCTION_AUTH_HMAC_SECRET")).containsEntry("name", "junction")
			.containsEntry("key", "hmac-secret");
		assertThat(map(rendered.one("Deployment"), "spec", "template", "metadata", "annotations"))
			.containsKey("checksum/secret");
	}

	@Test
	void existingSecretShouldBeUsedInsteadOfChartSecret() {
		Rendered rendered = render(
				template().set("auth.existingSecret", "relay-keys").set("auth.existingSecretKey", "jwt-hmac"));
		assertThat(rendered.all("Secret")).isEmpty();
		assertThat(secretKeyRef(rendered, "JUNCTION_AUTH_HMAC_SECRET")).containsEntry("name", "relay-keys")
			.containsEntry("key", "jwt-hmac");
		assertThat(env(rendered)).containsEntry("JUNCTION_AUTH_REQUIRE_CONFIGURED_KEY", "true");
	}

	@Test
	void podShouldRunHardened() {
		Rendered rendered = render(keyed());
		Map<String, Object> pod = map(rendered.one("Deployment"), "spec", "template", "spec");
		assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true)
			.containsEntry("runAsUser", 10001)
			.containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
		assertThat(pod).containsEntry("automountServiceAccountToken", false).containsEntry("enableServiceLinks", false);
		Map<String, Object> container = container(rendered);
		assertThat(map(container, "securityContext")).containsEntry("runAsNonRoot", true)
			.containsEntry("readOnlyRootFilesystem", true)
			.containsEntry("allowPrivilegeEscalation", false)
			.containsEntry("capabilities", Map.of("drop", List.of("ALL")))
			.containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
		assertThat(list(container, "volumeMounts")).contains(Map.of("name", "tmp", "mountPath", "/tmp"));
		assertThat(list(pod, "volumes"))
			.anySatisfy((volume) -> assertThat(volume).containsEntry("name", "tmp").containsKey("emptyDir"));
		assertThat(map(container, "resources")).containsKeys("requests", "limits");
	}

	@Test
	void ingressShouldBeAbsentByDefault() {
		assertThat(render(keyed()).all("Ingress")).isEmpty();
	}

	@Test
	void ingressShouldCarryWebSocketAnnotationsWhenEnabled() {
		Rendered rendered = render(keyed().set("ingress.enabled", true)
			.set("security.trustedProxies[0]", "10.0.0.0/8")
			.set("limits.maxFrameSize", "48MB")
			.set("ingress.hosts[0].host", "relay.example.com")
			.set("ingress.hosts[0].paths[0].path", "/")
			.set("ingress.hosts[0].paths[0].pathType", "Prefix")
			.set("ingress.tls[0].secretName", "relay-tls")
			.set("ingress.tls[0].hosts[0]", "relay.example.com"));
		Map<String, Object> ingress = rendered.one("Ingress");
		assertThat(map(ingress, "metadata", "annotations"))
			.containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "48m");
		assertThat(list(map(ingress, "spec"), "tls")).singleElement()
			.isEqualTo(Map.of("secretName", "relay-tls", "hosts", List.of("relay.example.com")));
		Map<String, Object> rule = list(map(ingress, "spec"), "rules").get(0);
		assertThat(rule).containsEntry("host", "relay.example.com");
		Map<String, Object> path = list(map(rule, "http"), "paths").get(0);
		assertThat(map(path, "backend", "service")).containsEntry("name", "junction")
			.containsEntry("port", Map.of("number", 80));
	}

	@Test
	void redisModeShouldSetClusterModeAndRedisUrl() {
		Rendered rendered = render(keyed().set("cluster.mode", "redis")
			.set("cluster.redis.url", "redis://redis:6379")
			.set("autoscaling.enabled", true));
		assertThat(env(rendered)).containsEntry("JUNCTION_CLUSTER_MODE", "redis");
		assertThat(secretKeyRef(rendered, "SPRING_DATA_REDIS_URL")).containsEntry("name", "junction")
			.containsEntry("key", "redis-url");
		assertThat(map(rendered.one("Secret"), "data")).containsKeys("hmac-secret", "redis-url");
		assertThat(rendered.one("HorizontalPodAutoscaler")).isNotNull();
		assertThat(map(rendered.one("Deployment"), "spec")).doesNotContainKey("replicas");
		assertThatIllegalStateException().isThrownBy(() -> render(keyed().set("cluster.mode", "redis")))
			.withMessageContaining("cluster.mode=redis needs a Redis address");
	}

	@Test
	void optionalObjectsShouldRenderWhenEnabled() {
		Rendered defaults = render(keyed());
		assertThat(defaults.all("ServiceMonitor")).isEmpty();
		assertThat(defaults.all("HorizontalPodAutoscaler")).isEmpty();
		assertThat(defaults.all("PodDisruptionBudget")).as("one pod: no budget").isEmpty();
		Rendered enabled = render(keyed().set("serviceMonitor.enabled", true));
		assertThat(enabled.one("ServiceMonitor")).isNotNull();
		assertThat(render(keyed().set("networkPolicy.enabled", false)).all("NetworkPolicy")).isEmpty();
	}

	@Test
	void readmeShouldDocumentEveryValue() {
		String readme = read(CHART.resolve("README.md"));
		List<String> paths = new ArrayList<>();
		collectValuePaths("", new Yaml().load(read(CHART.resolve("values.yaml"))), paths);
		assertThat(paths).hasSizeGreaterThan(100)
			.allSatisfy((path) -> assertThat(readme).as("README documents %s", path)
				.contains("`"
						+ path.replaceFirst("^protocols\\.[a-z]+\\.(enabled|auth|maxFrameSize)$", "protocols.<p>.$1")
						+ "`"));
	}

	/**
	 * Collects the dotted path of every value; maps that are free-form Kubernetes fields
	 * count as one value.
	 */
	private static void collectValuePaths(String prefix, Object value, List<String> paths) {
		if (value instanceof Map<?, ?> map && !map.isEmpty() && !FREE_FORM.contains(prefix)) {
			map.forEach((key, child) -> collectValuePaths(prefix.isEmpty() ? (String) key : prefix + "." + key, child,
					paths));
			return;
		}
		paths.add(prefix);
	}

	private static void assertGraceCoversDrain(Rendered rendered, int drainSeconds) {
		Map<String, Object> pod = map(rendered.one("Deployment"), "spec", "template", "spec");
		Map<String, Object> preStop = map(container(rendered), "lifecycle", "preStop", "exec");
		List<?> command = (List<?>) preStop.get("command");
		assertThat(command.get(0)).isEqualTo("sleep");
		int preStopSeconds = Integer.parseInt((String) command.get(1));
		assertThat(env(rendered)).containsEntry("JUNCTION_SHUTDOWN_DRAIN_TIMEOUT", drainSeconds + "s");
		assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(preStopSeconds + drainSeconds);
	}

	private static TemplateCommand template() {
		return new Helm(CHART).template().withName("junction").withNamespace("relay");
	}

	private static TemplateCommand keyed() {
		return template().set("auth.hmacSecret", SECRET);
	}

	private static Rendered render(TemplateCommand command) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(command.call())) {
			if (document != null) {
				documents.add(asMap(document));
			}
		}
		return new Rendered(documents);
	}

	private static Map<String, Object> container(Rendered rendered) {
		List<Map<String, Object>> containers = list(map(rendered.one("Deployment"), "spec", "template", "spec"),
				"containers");
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	private static Map<String, String> env(Rendered rendered) {
		Map<String, String> env = new LinkedHashMap<>();
		for (Map<String, Object> variable : list(container(rendered), "env")) {
			Object value = variable.get("value");
			assertThat(value == null || value instanceof String).as("%s is a string", variable.get("name")).isTrue();
			env.put((String) variable.get("name"), (value != null) ? (String) value : "<valueFrom>");
		}
		return env;
	}

	private static Map<String, Object> secretKeyRef(Rendered rendered, String name) {
		return list(container(rendered), "env").stream()
			.filter((variable) -> name.equals(variable.get("name")))
			.findFirst()
			.map((variable) -> map(variable, "valueFrom", "secretKeyRef"))
			.orElseThrow(() -> new AssertionError(name + " is not in the container's env"));
	}

	/**
	 * Binds the container's environment the way Spring Boot binds the real process
	 * environment, so that a misspelt variable name shows up as an unbound default.
	 */
	private static JunctionProperties bind(Map<String, String> env) {
		return bind(env, "junction", JunctionProperties.class);
	}

	private static <T> T bind(Map<String, String> env, String prefix, Class<T> type) {
		Map<String, Object> source = new LinkedHashMap<>(env);
		SystemEnvironmentPropertySource propertySource = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		return new Binder(ConfigurationPropertySources.from(propertySource)).bind(prefix, type).get();
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> map(Object root, String... keys) {
		Object current = root;
		for (String key : keys) {
			assertThat(current).as("parent of %s", key).isInstanceOf(Map.class);
			current = ((Map<?, ?>) current).get(key);
			assertThat(current).as(key).isNotNull();
		}
		return asMap(current);
	}

	private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		assertThat(value).as(key).isInstanceOf(List.class);
		return ((List<?>) value).stream().map(HelmChartTests::asMap).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

	/**
	 * The documents of one rendering.
	 */
	private record Rendered(List<Map<String, Object>> documents) {

		List<Map<String, Object>> all(String kind) {
			return this.documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
		}

		Map<String, Object> one(String kind) {
			List<Map<String, Object>> found = all(kind);
			assertThat(found).as(kind).hasSize(1);
			return found.get(0);
		}

	}

}
