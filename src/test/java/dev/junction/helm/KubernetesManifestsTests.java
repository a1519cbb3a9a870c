package dev.junction.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parses every manifest the chart renders, under several combinations of values, into
 * Kubernetes' typed model (fabric8's, and its prometheus-operator model for the
 * ServiceMonitor and the PrometheusRule), so that an unknown field, a misplaced one or a
 * wrong type fails the build although there is no cluster to apply them to.
 */
class KubernetesManifestsTests {

	/** Every kind the chart renders, with the class of its API version. */
	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
			Map.entry("Deployment", Deployment.class), Map.entry("Service", Service.class),
			Map.entry("ServiceAccount", ServiceAccount.class), Map.entry("Secret", Secret.class),
			Map.entry("ConfigMap", ConfigMap.class), Map.entry("Ingress", Ingress.class),
			Map.entry("NetworkPolicy", NetworkPolicy.class),
			Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
			Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
			Map.entry("ServiceMonitor", ServiceMonitor.class), Map.entry("PrometheusRule", PrometheusRule.class));

	/**
	 * Fails on unknown fields: fabric8's classes keep unknown fields in an any-setter
	 * map, which this mapper does not see; scalars keep their JSON type (no "3" for 3).
	 */
	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.annotationIntrospector(new JacksonAnnotationIntrospector() {

			@Override
			public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
				return false;
			}

			@Override
			public Boolean hasAnyGetter(MapperConfig<?> config, Annotated annotated) {
				return false;
			}

		})
		.build();

	private static final Map<String, UnaryOperator<TemplateCommand>> COMBINATIONS = combinations();

	private static Map<String, UnaryOperator<TemplateCommand>> combinations() {
		Map<String, UnaryOperator<TemplateCommand>> combinations = new LinkedHashMap<>();
		combinations.put("defaults", (command) -> command);
		combinations.put("every setting",
				(command) -> RenderedChart.template().withValuesFile(RenderedChart.EVERY_SETTING));
		combinations.put("existing secret, no optional objects",
				(command) -> RenderedChart.template()
					.set("auth.existingSecret", "relay-keys")
					.set("networkPolicy.enabled", false)
					.set("podDisruptionBudget.enabled", false)
					.set("serviceAccount.create", false));
		combinations.put("everything on",
				(command) -> command.set("ingress.enabled", true)
					.set("security.trustedProxies[0]", "10.0.0.0/8")
					.set("ingress.gkeBackendConfig", true)
					.set("ingress.awsAlbIdleTimeout", true)
					.set("ingress.tls[0].secretName", "relay-tls")
					.set("ingress.tls[0].hosts[0]", "junction.example.com")
					.set("tls.enabled", true)
					.set("tls.secretName", "junction-tls")
					.set("tls.management", true)
					.set("serviceMonitor.enabled", true)
					.set("serviceMonitor.tlsConfig.insecureSkipVerify", true)
					.set("metrics.grafanaDashboard.enabled", true)
					.set("metrics.grafanaDashboard.annotations.grafana_folder", "Junction")
					.set("metrics.prometheusRule.enabled", true)
					.set("metrics.prometheusRule.labels.release", "kube-prometheus-stack")
					.set("cluster.mode", "redis")
					.set("cluster.redis.url", "redis://redis:6379")
					.set("autoscaling.enabled", true)
					.set("autoscaling.targetMemoryUtilizationPercentage", 80)
					.set("podDisruptionBudget.minAvailable", 1)
					.set("auth.jwksUris[0]", "https://idp.example.com/jwks.json"));
		combinations
			.put("redis by host with a password Secret, three pods", (command) -> command.set("cluster.mode", "redis")
				.set("replicaCount", 3)
				.set("cluster.redis.host", "redis.redis.svc")
				.set("cluster.redis.port", 6380)
				.set("cluster.redis.username", "junction")
				.set("cluster.redis.passwordSecret.name", "redis-auth")
				.set("cluster.redis.tls.enabled", true)
				.set("cluster.redis.timeout", "2s")
				.set("networkPolicy.egress.redisTo[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
						"redis")
				.set("networkPolicy.egress.redisTo[0].podSelector.matchLabels.app", "redis"));
		combinations.put("actuator on http with TLS, no container memory alert",
				(command) -> command.set("management.port", 0)
					.set("tls.enabled", true)
					.set("tls.secretName", "junction-tls")
					.set("serviceMonitor.enabled", true)
					.set("metrics.prometheusRule.enabled", true)
					.set("metrics.prometheusRule.containerMemory.enabled", false)
					.set("ingress.enabled", true)
					.set("ingress.allowWithoutTrustedProxies", true)
					.set("ingress.nginxWebSocketAnnotations", false)
					.set("topologySpread.enabled", false));
		return combinations;
	}

	@Test
	void everyRenderedManifestShouldParseIntoTheTypedModel() {
		List<String> kinds = new ArrayList<>();
		COMBINATIONS.forEach((name, values) -> {
			for (Map<String, Object> document : RenderedChart.render(values.apply(RenderedChart.keyed())).documents()) {
				String kind = (String) document.get("kind");
				kinds.add(kind);
				if ("BackendConfig".equals(kind)) {
					assertBackendConfig(document);
				}
				else {
					assertThat(KINDS).as("%s: a model for %s", name, kind).containsKey(kind);
					assertTyped(name, document, KINDS.get(kind));
				}
			}
		});
		assertThat(kinds).containsAll(KINDS.keySet()).contains("BackendConfig");
	}

	@Test
	void unknownFieldShouldFailTheParse() {
		Map<String, Object> deployment = RenderedChart.render(RenderedChart.keyed()).one("Deployment");
		Map<String, Object> container = RenderedChart
			.list(RenderedChart.map(deployment, "spec", "template", "spec"), "containers")
			.get(0);
		RenderedChart.map(container, "readinessProbe").put("httpGett", Map.of("path", "/"));
		assertThatExceptionOfType(MismatchedInputException.class)
			.isThrownBy(() -> STRICT.convertValue(deployment, Deployment.class))
			.withMessageContaining("httpGett");
	}

	@Test
	void wrongTypeShouldFailTheParse() {
		Map<String, Object> deployment = RenderedChart.render(RenderedChart.keyed()).one("Deployment");
		RenderedChart.map(deployment, "spec").put("replicas", "one");
		assertThatExceptionOfType(MismatchedInputException.class)
			.isThrownBy(() -> STRICT.convertValue(deployment, Deployment.class));
		Map<String, Object> service = RenderedChart.render(RenderedChart.keyed()).one("Service");
		RenderedChart.list(RenderedChart.map(service, "spec"), "ports").get(0).put("port", List.of(80));
		assertThatExceptionOfType(MismatchedInputException.class)
			.isThrownBy(() -> STRICT.convertValue(service, Service.class));
	}

	private static void assertTyped(String combination, Map<String, Object> document,
			Class<? extends HasMetadata> type) {
		String description = combination + ": " + document.get("kind") + " "
				+ RenderedChart.map(document, "metadata").get("name");
		assertThat(document.get("apiVersion")).as(description).isEqualTo(HasMetadata.getApiVersion(type));
		String json = STRICT.writeValueAsString(document);
		HasMetadata typed = STRICT.readValue(json, type);
		// Written back, the typed object says exactly what the manifest said: nothing
		// was dropped or reshaped on the way in.
		JsonNode original = STRICT.readTree(json);
		JsonNode roundTrip = STRICT.readTree(STRICT.writeValueAsString(typed));
		assertThat(roundTrip).as(description).isEqualTo(original);
	}

	/**
	 * GKE's BackendConfig has no model on Maven Central: its fields are checked here.
	 */
	private static void assertBackendConfig(Map<String, Object> document) {
		assertThat(document.get("apiVersion")).isEqualTo("cloud.google.com/v1");
		assertThat(document).containsOnlyKeys("apiVersion", "kind", "metadata", "spec");
		Map<String, Object> spec = RenderedChart.map(document, "spec");
		assertThat(spec).containsOnlyKeys("timeoutSec", "connectionDraining", "healthCheck");
		assertThat(spec.get("timeoutSec")).isInstanceOf(Integer.class);
		assertThat(RenderedChart.map(spec, "connectionDraining")).containsOnlyKeys("drainingTimeoutSec")
			.allSatisfy((key, value) -> assertThat(value).isInstanceOf(Integer.class));
		assertThat(RenderedChart.map(spec, "healthCheck")).containsOnlyKeys("type", "requestPath", "port");
		assertThat(RenderedChart.map(spec, "healthCheck").get("type")).isIn("HTTP", "HTTPS");
		assertThat(RenderedChart.map(spec, "healthCheck").get("port")).isInstanceOf(Integer.class);
	}

}
