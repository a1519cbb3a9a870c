package dev.junction.helm;

import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The chart's defaults for operators: an ingress only with trusted proxies, the common
 * controllers' WebSocket timeouts, TLS in the pod with HTTPS probes, and NOTES that name
 * the signaling endpoint and start from a Secret of one's own.
 */
class ChartOperatorDefaultsTests {

	@Test
	void ingressWithoutTrustedProxiesShouldFailToRender() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(RenderedChart.keyed().set("ingress.enabled", true)))
			.withMessageContaining("ingress.enabled needs security.trustedProxies")
			.withMessageContaining("ingress.allowWithoutTrustedProxies=true");
	}

	@Test
	void ingressWithoutTrustedProxiesShouldRenderWhenOptedOutAndNotesShouldWarn() {
		assertThat(RenderedChart
			.render(RenderedChart.keyed().set("ingress.enabled", true).set("ingress.allowWithoutTrustedProxies", true))
			.one("Ingress")).isNotNull();
		assertThat(notes("ingress.enabled", true, "ingress.allowWithoutTrustedProxies", true))
			.contains("WARNING: ingress.allowWithoutTrustedProxies=true")
			.contains("one client's excess")
			.contains("locks out everyone");
	}

	@Test
	void notesShouldNameTrustedProxiesBehindAnIngress() {
		assertThat(notes("ingress.enabled", true, "security.trustedProxies[0]", "10.2.0.0/16"))
			.contains("X-Forwarded-For is believed from 10.2.0.0/16 only")
			.doesNotContain("WARNING: ingress.allowWithoutTrustedProxies");
	}

	@Test
	void awsAndGkeTimeoutsShouldFollowIngressTimeout() {
		RenderedChart rendered = RenderedChart.render(behindIngress().set("ingress.timeoutSeconds", 1800)
			.set("ingress.awsAlbIdleTimeout", true)
			.set("ingress.gkeBackendConfig", true));
		assertThat(RenderedChart.map(rendered.one("Ingress"), "metadata", "annotations"))
			.containsEntry("alb.ingress.kubernetes.io/load-balancer-attributes", "idle_timeout.timeout_seconds=1800")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "1800");
		Map<String, Object> backendConfig = rendered.one("BackendConfig");
		assertThat(RenderedChart.map(backendConfig, "spec")).containsEntry("timeoutSec", 1800);
		assertThat(RenderedChart.map(rendered.one("Service"), "metadata", "annotations"))
			.containsEntry("cloud.google.com/backend-config", "{\"default\": \"junction\"}");
		Map<String, Object> plain = RenderedChart.render(behindIngress()).one("Ingress");
		assertThat(RenderedChart.map(plain, "metadata", "annotations"))
			.doesNotContainKey("alb.ingress.kubernetes.io/load-balancer-attributes");
		assertThat(RenderedChart.render(behindIngress()).all("BackendConfig")).isEmpty();
	}

	@Test
	void podTlsShouldMountTheSecretAndProbeOverHttpsWhereTheActuatorServesTls() {
		TemplateCommand tls = behindIngress().set("tls.enabled", true).set("tls.secretName", "junction-tls");
		RenderedChart ownPort = RenderedChart.render(tls);
		Map<String, Object> container = container(ownPort);
		assertThat(env(container)).containsEntry("SERVER_SSL_BUNDLE", "junction")
			.containsEntry("SPRING_SSL_BUNDLE_PEM_JUNCTION_KEYSTORE_CERTIFICATE", "file:/etc/junction/tls/tls.crt")
			.containsEntry("SPRING_SSL_BUNDLE_PEM_JUNCTION_KEYSTORE_PRIVATE_KEY", "file:/etc/junction/tls/tls.key")
			.containsEntry("SPRING_SSL_BUNDLE_PEM_JUNCTION_RELOAD_ON_UPDATE", "true")
			.doesNotContainKey("MANAGEMENT_SERVER_SSL_BUNDLE");
		assertThat(RenderedChart.list(container, "volumeMounts"))
			.contains(Map.of("name", "tls", "mountPath", "/etc/junction/tls", "readOnly", true));
		assertThat(
				RenderedChart.list(RenderedChart.map(ownPort.one("Deployment"), "spec", "template", "spec"), "volumes"))
			.contains(Map.of("name", "tls", "secret", Map.of("secretName", "junction-tls")));
		assertThat(RenderedChart.map(container, "readinessProbe", "httpGet")).doesNotContainKey("scheme");
		assertThat(RenderedChart.map(ownPort.one("Ingress"), "metadata", "annotations"))
			.containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
		Map<String, Object> managementTls = container(RenderedChart.render(tls.set("tls.management", true)));
		assertThat(env(managementTls)).containsEntry("MANAGEMENT_SERVER_SSL_BUNDLE", "junction");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(RenderedChart.map(managementTls, probe, "httpGet")).containsEntry("scheme", "HTTPS")
				.containsEntry("port", "management");
		}
		Map<String, Object> onHttp = container(RenderedChart.render(RenderedChart.keyed()
			.set("management.port", 0)
			.set("tls.enabled", true)
			.set("tls.secretName", "junction-tls")));
		assertThat(RenderedChart.map(onHttp, "livenessProbe", "httpGet")).containsEntry("scheme", "HTTPS")
			.containsEntry("port", "http");
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(RenderedChart.keyed().set("tls.enabled", true)))
			.withMessageContaining("tls.enabled needs tls.secretName");
	}

	@Test
	void notesShouldListSignalingAndStartFromAnExistingSecret() {
		String notes = notes();
		assertThat(notes).contains("signaling  /signaling, / (first frame \"register\")")
			.contains("POST /create-room")
			.contains("--set auth.existingSecret=junction-keys")
			.doesNotContain("--set auth.hmacSecret=\"");
		assertThat(notes("auth.hmacSecret", "", "auth.existingSecret", "relay-keys"))
			.contains("The HMAC key comes from Secret relay-keys (key hmac-secret)");
		assertThat(notes("protocols.signaling.enabled", false)).doesNotContain("/create-room");
	}

	@Test
	void valuesAndReadmeShouldShowExistingSecretFirst() throws Exception {
		String values = java.nio.file.Files.readString(RenderedChart.CHART.resolve("values.yaml"));
		assertThat(values.indexOf("existingSecret:")).isPositive().isLessThan(values.indexOf("hmacSecret:"));
		String readme = java.nio.file.Files.readString(RenderedChart.CHART.resolve("README.md"));
		assertThat(readme.indexOf("--set auth.existingSecret=")).isPositive()
			.isLessThan(readme.indexOf("auth.hmacSecret"));
	}

	@Test
	void schemaShouldRejectAlertRatiosAboveOneAndMisspeltMonitoringValues() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart
				.render(RenderedChart.keyed().set("metrics.prometheusRule.connectionsNearLimitRatio", 2)))
			.withMessageContaining("/metrics/prometheusRule/connectionsNearLimitRatio");
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(RenderedChart.keyed().set("metrics.grafanaDashboard.enable", true)))
			.withMessageContaining("enable");
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(RenderedChart.keyed().set("tls.secret", "junction-tls")))
			.withMessageContaining("secret");
	}

	private static TemplateCommand behindIngress() {
		return RenderedChart.keyed().set("ingress.enabled", true).set("security.trustedProxies[0]", "10.0.0.0/8");
	}

	/**
	 * NOTES.txt as {@code helm install --dry-run} prints it, with an HMAC key and the
	 * given values.
	 * @param values value paths and values, alternating
	 * @return the release's output
	 */
	private static String notes(Object... values) {
		InstallCommand install = new Helm(RenderedChart.CHART).install()
			.withName("junction")
			.withNamespace("relay")
			.dryRun()
			.clientOnly()
			.set("auth.hmacSecret", RenderedChart.SECRET);
		for (int i = 0; i < values.length; i += 2) {
			install.set((String) values[i], values[i + 1]);
		}
		return install.call().getOutput();
	}

	private static Map<String, Object> container(RenderedChart rendered) {
		return RenderedChart
			.list(RenderedChart.map(rendered.one("Deployment"), "spec", "template", "spec"), "containers")
			.get(0);
	}

	private static Map<String, String> env(Map<String, Object> container) {
		Map<String, String> env = new java.util.LinkedHashMap<>();
		for (Map<String, Object> variable : RenderedChart.list(container, "env")) {
			Object value = variable.get("value");
			env.put((String) variable.get("name"), (value != null) ? value.toString() : "<valueFrom>");
		}
		return env;
	}

}
