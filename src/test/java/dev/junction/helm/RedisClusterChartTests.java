package dev.junction.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The chart in {@code cluster.mode=redis}: several pods only with Redis, the Redis
 * address and password only through Secrets, and the objects that make several pods worth
 * having (PodDisruptionBudget, topology spread, autoscaler, rolling update).
 */
class RedisClusterChartTests {

	private static final String PASSWORD = "s3cret-redis-password";

	@Test
	void redisModeWithThreeReplicasShouldSpreadBudgetAndRollOnePodAtATime() {
		RenderedChart rendered = RenderedChart.render(redis().set("replicaCount", 3));
		Map<String, Object> deployment = RenderedChart.map(rendered.one("Deployment"), "spec");
		assertThat(deployment).containsEntry("replicas", 3);
		assertThat(RenderedChart.map(deployment, "strategy", "rollingUpdate")).containsEntry("maxSurge", 1)
			.containsEntry("maxUnavailable", 0);
		Map<String, Object> pod = RenderedChart.map(deployment, "template", "spec");
		assertThat(RenderedChart.list(pod, "topologySpreadConstraints"))
			.extracting((constraint) -> constraint.get("topologyKey"))
			.containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
		assertThat(RenderedChart.list(pod, "topologySpreadConstraints"))
			.allSatisfy((constraint) -> assertThat(constraint).containsEntry("whenUnsatisfiable", "ScheduleAnyway")
				.containsEntry("maxSkew", 1)
				.containsEntry("labelSelector", Map.of("matchLabels",
						Map.of("app.kubernetes.io/name", "junction", "app.kubernetes.io/instance", "junction"))));
		assertThat(RenderedChart.map(rendered.one("PodDisruptionBudget"), "spec")).containsEntry("maxUnavailable", 1);
		assertThat(rendered.all("HorizontalPodAutoscaler")).isEmpty();
		Map<String, String> env = env(rendered);
		assertThat(env).containsEntry("JUNCTION_CLUSTER_MODE", "redis")
			.containsEntry("JUNCTION_CLUSTER_KEY_PREFIX", "junction:")
			.containsEntry("JUNCTION_CLUSTER_HEARTBEAT_TTL", "10s")
			.containsEntry("SPRING_DATA_REDIS_URL", "<valueFrom>")
			.containsEntry("SPRING_DATA_REDIS_SSL_ENABLED", "false")
			.doesNotContainKeys("SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PASSWORD", "SPRING_DATA_REDIS_TIMEOUT");
		assertThat(secretKeyRef(rendered, "SPRING_DATA_REDIS_URL"))
			.isEqualTo(Map.of("name", "redis-conn", "key", "url"));
		assertThat(rendered.all("Secret")).as("the URL is the operator's Secret, the HMAC key too").isEmpty();
	}

	@Test
	void graceShouldCoverPreStopAndTheWholeDrainSoThatClientsAreClosedBeforeTheKill() {
		RenderedChart rendered = RenderedChart.render(redis().set("replicaCount", 3)
			.set("shutdown.preStopSleepSeconds", 7)
			.set("shutdown.drainTimeoutSeconds", 20));
		Map<String, Object> pod = RenderedChart.map(rendered.one("Deployment"), "spec", "template", "spec");
		assertThat(pod).containsEntry("terminationGracePeriodSeconds", 7 + 20 + 15);
		assertThat(RenderedChart.map(container(rendered), "lifecycle", "preStop", "exec")).containsEntry("command",
				List.of("sleep", "7"));
		assertThat(env(rendered)).containsEntry("JUNCTION_SHUTDOWN_DRAIN_TIMEOUT", "20s")
			.containsEntry("JUNCTION_SHUTDOWN_DRAIN_SPREAD", "5s");
	}

	@Test
	void autoscalerShouldRenderInRedisModeWithABudget() {
		RenderedChart rendered = RenderedChart.render(redis().set("autoscaling.enabled", true)
			.set("autoscaling.minReplicas", 3)
			.set("podDisruptionBudget.minAvailable", 2));
		assertThat(RenderedChart.map(rendered.one("HorizontalPodAutoscaler"), "spec")).containsEntry("minReplicas", 3)
			.containsEntry("maxReplicas", 10);
		assertThat(RenderedChart.map(rendered.one("Deployment"), "spec")).doesNotContainKey("replicas");
		assertThat(RenderedChart.map(rendered.one("PodDisruptionBudget"), "spec")).containsEntry("minAvailable", 2)
			.doesNotContainKey("maxUnavailable");
		assertThat(RenderedChart.list(RenderedChart.map(rendered.one("Deployment"), "spec", "template", "spec"),
				"topologySpreadConstraints"))
			.hasSize(2);
	}

	@Test
	void budgetThatWouldBlockEveryDrainShouldFail() {
		assertThatIllegalStateException().isThrownBy(
				() -> RenderedChart.render(redis().set("replicaCount", 2).set("podDisruptionBudget.minAvailable", 2)))
			.withMessageContaining("podDisruptionBudget.minAvailable=2 with 2 pods would block every node drain");
	}

	@Test
	void onePodShouldHaveNoBudgetAndMemoryModeNoSpread() {
		RenderedChart memory = RenderedChart.render(RenderedChart.keyed());
		assertThat(memory.all("PodDisruptionBudget")).isEmpty();
		assertThat(RenderedChart.map(memory.one("Deployment"), "spec", "template", "spec"))
			.doesNotContainKey("topologySpreadConstraints");
		assertThat(RenderedChart.render(redis()).all("PodDisruptionBudget")).isEmpty();
		Map<String, Object> own = Map.of("maxSkew", 2, "topologyKey", "kubernetes.io/hostname", "whenUnsatisfiable",
				"DoNotSchedule", "labelSelector", Map.of("matchLabels", Map.of("app", "junction")));
		RenderedChart custom = RenderedChart.render(RenderedChart.keyed()
			.set("topologySpreadConstraints[0].maxSkew", 2)
			.set("topologySpreadConstraints[0].topologyKey", "kubernetes.io/hostname")
			.set("topologySpreadConstraints[0].whenUnsatisfiable", "DoNotSchedule")
			.set("topologySpreadConstraints[0].labelSelector.matchLabels.app", "junction"));
		assertThat(RenderedChart.list(RenderedChart.map(custom.one("Deployment"), "spec", "template", "spec"),
				"topologySpreadConstraints"))
			.containsExactly(own);
	}

	@Test
	void severalPodsInMemoryModeShouldFailSayingToSetRedisMode() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(RenderedChart.keyed().set("replicaCount", 2)))
			.withMessageContaining("replicaCount=2 needs cluster.mode=redis")
			.withMessageContaining("Set cluster.mode=redis");
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(RenderedChart.keyed().set("autoscaling.enabled", true)))
			.withMessageContaining("autoscaling.enabled needs cluster.mode=redis")
			.withMessageContaining("Set cluster.mode=redis");
	}

	@Test
	void redisModeWithoutAddressShouldFail() {
		assertThatIllegalStateException().isThrownBy(
				() -> RenderedChart.render(RenderedChart.keyed().set("cluster.mode", "redis").set("replicaCount", 3)))
			.withMessageContaining("cluster.mode=redis needs a Redis address: cluster.redis.existingSecret");
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(RenderedChart.keyed()
				.set("cluster.mode", "redis")
				.set("cluster.redis.passwordSecret.name", "redis-auth")))
			.withMessageContaining("needs a Redis address");
	}

	@Test
	void passwordShouldComeFromASecretWithHostPortTlsAndTimeoutAsPlainValues() {
		RenderedChart rendered = RenderedChart.render(RenderedChart.keyed()
			.set("cluster.mode", "redis")
			.set("replicaCount", 3)
			.set("cluster.redis.host", "redis.example.com")
			.set("cluster.redis.port", 6380)
			.set("cluster.redis.username", "junction")
			.set("cluster.redis.passwordSecret.name", "redis-auth")
			.set("cluster.redis.passwordSecret.key", "password")
			.set("cluster.redis.tls.enabled", true)
			.set("cluster.redis.timeout", "2s")
			.set("cluster.keyPrefix", "relay-a:")
			.set("cluster.heartbeatTtl", "15s"));
		assertThat(env(rendered)).containsEntry("SPRING_DATA_REDIS_HOST", "redis.example.com")
			.containsEntry("SPRING_DATA_REDIS_PORT", "6380")
			.containsEntry("SPRING_DATA_REDIS_USERNAME", "junction")
			.containsEntry("SPRING_DATA_REDIS_PASSWORD", "<valueFrom>")
			.containsEntry("SPRING_DATA_REDIS_SSL_ENABLED", "true")
			.containsEntry("SPRING_DATA_REDIS_TIMEOUT", "2s")
			.containsEntry("JUNCTION_CLUSTER_KEY_PREFIX", "relay-a:")
			.containsEntry("JUNCTION_CLUSTER_HEARTBEAT_TTL", "15s")
			.doesNotContainKey("SPRING_DATA_REDIS_URL");
		assertThat(secretKeyRef(rendered, "SPRING_DATA_REDIS_PASSWORD"))
			.isEqualTo(Map.of("name", "redis-auth", "key", "password"));
		List<Map<String, Object>> egress = RenderedChart.list(RenderedChart.map(rendered.one("NetworkPolicy"), "spec"),
				"egress");
		assertThat(egress.get(egress.size() - 1)).containsEntry("ports",
				List.of(Map.of("port", 6379, "protocol", "TCP"), Map.of("port", 6380, "protocol", "TCP")));
	}

	@Test
	void passwordSecretWithAUrlShouldFailBecauseSpringTakesCredentialsFromTheUrl() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(redis().set("cluster.redis.passwordSecret.name", "redis-auth")))
			.withMessageContaining(
					"cluster.redis.passwordSecret and cluster.redis.username go with cluster.redis.host");
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(redis().set("cluster.redis.host", "redis.example.com")))
			.withMessageContaining("give the Redis address once");
	}

	@Test
	void inlineUrlShouldGoToTheChartSecretAndNeverIntoPlainValues() {
		String url = "rediss://default:" + PASSWORD + "@redis.example.com:6380";
		RenderedChart rendered = RenderedChart.render(RenderedChart.keyed()
			.set("cluster.mode", "redis")
			.set("replicaCount", 3)
			.set("cluster.redis.url", url)
			.set("metrics.grafanaDashboard.enabled", true)
			.set("metrics.prometheusRule.enabled", true)
			.set("serviceMonitor.enabled", true));
		assertThat(RenderedChart.map(rendered.one("Secret"), "data")).containsEntry("redis-url",
				Base64.getEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8)));
		assertThat(secretKeyRef(rendered, "SPRING_DATA_REDIS_URL"))
			.isEqualTo(Map.of("name", "junction", "key", "redis-url"));
		assertThat(RenderedChart.map(rendered.one("Deployment"), "spec", "template", "metadata", "annotations"))
			.containsKey("checksum/secret");
		assertPasswordOnlyInSecrets(rendered, PASSWORD);
		RenderedChart host = RenderedChart.render(RenderedChart.keyed()
			.set("cluster.mode", "redis")
			.set("replicaCount", 2)
			.set("cluster.redis.host", "redis")
			.set("cluster.redis.passwordSecret.name", "redis-auth")
			.set("metrics.grafanaDashboard.enabled", true));
		assertThat(host.all("Secret")).singleElement()
			.satisfies((secret) -> assertThat(RenderedChart.map(secret, "data")).containsOnlyKeys("hmac-secret"));
		assertThat(host.one("ConfigMap")).isNotNull();
	}

	@Test
	void networkPolicyShouldAdmitAnInClusterRedisByPeerAndAnyDestinationWhenUnnarrowed() {
		List<Map<String, Object>> egress = RenderedChart
			.list(RenderedChart.map(RenderedChart.render(redis().set("networkPolicy.egress.redisCidrs", "null")
				.set("networkPolicy.egress.redisTo[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
						"redis"))
				.one("NetworkPolicy"), "spec"), "egress");
		assertThat(egress.get(egress.size() - 1))
			.containsEntry("ports", List.of(Map.of("port", 6379, "protocol", "TCP")))
			.containsEntry("to", List.of(Map.of("namespaceSelector",
					Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "redis")))));
		List<Map<String, Object>> open = RenderedChart.list(RenderedChart.map(
				RenderedChart.render(redis().set("networkPolicy.egress.redisCidrs", "null")).one("NetworkPolicy"),
				"spec"), "egress");
		assertThat(open.get(open.size() - 1)).containsOnlyKeys("ports");
	}

	@Test
	void lintShouldPassInBothModes(@TempDir Path directory) throws IOException {
		assertLintPasses(RenderedChart.CHART);
		// helm lint takes no values: a copy of the chart whose defaults are redis mode.
		Path copy = directory.resolve("junction");
		try (Stream<Path> files = Files.walk(RenderedChart.CHART)) {
			for (Path file : files.toList()) {
				Path target = copy.resolve(RenderedChart.CHART.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		Path values = copy.resolve("values.yaml");
		String memory = Files.readString(values);
		String redis = replaceOnce(memory, "\nreplicaCount: 1\n", "\nreplicaCount: 3\n");
		redis = replaceOnce(redis, "\n  mode: memory\n", "\n  mode: redis\n");
		redis = replaceOnce(redis, "\n  existingSecret: \"\"\n  existingSecretKey: hmac-secret",
				"\n  existingSecret: relay-keys\n  existingSecretKey: hmac-secret");
		redis = replaceOnce(redis, "\n    existingSecret: \"\"\n    existingSecretKey: redis-url",
				"\n    existingSecret: redis-conn\n    existingSecretKey: redis-url");
		Files.writeString(values, redis);
		assertLintPasses(copy);
		assertThat(RenderedChart.render(new Helm(copy).template().withName("junction")).one("PodDisruptionBudget"))
			.as("the copy renders redis mode with 3 pods")
			.isNotNull();
	}

	@Test
	void notesShouldNameWhereRedisComesFrom() {
		String fromSecret = new Helm(RenderedChart.CHART).install()
			.withName("junction")
			.withNamespace("relay")
			.dryRun()
			.clientOnly()
			.set("auth.existingSecret", "relay-keys")
			.set("cluster.mode", "redis")
			.set("replicaCount", 3)
			.set("cluster.redis.existingSecret", "redis-conn")
			.call()
			.getOutput();
		assertThat(fromSecret).contains(
				"Cluster: 3 pod(s) share rooms, pairs, tunnels and topics through Redis (URL from Secret redis-conn, key redis-url), keys prefixed \"junction:\".");
		String fromHost = new Helm(RenderedChart.CHART).install()
			.withName("junction")
			.withNamespace("relay")
			.dryRun()
			.clientOnly()
			.set("auth.existingSecret", "relay-keys")
			.set("cluster.mode", "redis")
			.set("autoscaling.enabled", true)
			.set("cluster.redis.host", "redis.example.com")
			.set("cluster.redis.passwordSecret.name", "redis-auth")
			.call()
			.getOutput();
		assertThat(fromHost).contains("Cluster: 2 to 10 pods (autoscaled)")
			.contains("at redis.example.com:6379 (password from Secret redis-auth)");
	}

	/**
	 * Redis mode with the URL in a Secret of the operator's, and the HMAC key in another.
	 */
	private static TemplateCommand redis() {
		return RenderedChart.template()
			.set("auth.existingSecret", "relay-keys")
			.set("cluster.mode", "redis")
			.set("cluster.redis.existingSecret", "redis-conn")
			.set("cluster.redis.existingSecretKey", "url");
	}

	/**
	 * The password may be in a Secret's data (base64) and nowhere else: not in a
	 * ConfigMap, not in a plain environment value, not in any other object.
	 */
	private static void assertPasswordOnlyInSecrets(RenderedChart rendered, String password) {
		for (Map<String, Object> document : rendered.documents()) {
			if ("Secret".equals(document.get("kind"))) {
				continue;
			}
			assertThat(String.valueOf(document)).as("%s holds the password", document.get("kind"))
				.doesNotContain(password);
		}
		assertThat(env(rendered).values()).noneMatch((value) -> value.contains(password));
	}

	private static void assertLintPasses(Path chart) {
		LintResult result = new Helm(chart).lint().strict().call();
		assertThat(result.isFailed()).as(chart + ": " + String.join("\n", result.getMessages())).isFalse();
	}

	private static String replaceOnce(String text, String from, String to) {
		assertThat(text).containsOnlyOnce(from);
		return text.replace(from, to);
	}

	private static Map<String, Object> container(RenderedChart rendered) {
		return RenderedChart
			.list(RenderedChart.map(rendered.one("Deployment"), "spec", "template", "spec"), "containers")
			.get(0);
	}

	private static Map<String, String> env(RenderedChart rendered) {
		Map<String, String> env = new LinkedHashMap<>();
		for (Map<String, Object> variable : RenderedChart.list(container(rendered), "env")) {
			Object value = variable.get("value");
			assertThat(value == null || value instanceof String).as("%s is a string", variable.get("name")).isTrue();
			env.put((String) variable.get("name"), (value != null) ? (String) value : "<valueFrom>");
		}
		return env;
	}

	private static Map<String, Object> secretKeyRef(RenderedChart rendered, String name) {
		return RenderedChart.list(container(rendered), "env")
			.stream()
			.filter((variable) -> name.equals(variable.get("name")))
			.findFirst()
			.map((variable) -> RenderedChart.map(variable, "valueFrom", "secretKeyRef"))
			.orElseThrow(() -> new AssertionError(name + " is not in the container's env"));
	}

}
