package dev.junction.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's alerts evaluated by {@code promtool test rules} on made-up series: each
 * fires where its threshold says and stays quiet below it. Needs promtool (see
 * {@link Promtool}).
 */
class AlertRulesTests {

	private static final String SELECTOR = "namespace=\"relay\",job=\"junction\"";

	@Test
	void alertsShouldFireAboveTheirThresholdsOnly(@TempDir Path directory) throws Exception {
		Promtool promtool = Promtool.onPath();
		Map<String, Object> rule = RenderedChart.render(
				RenderedChart.keyed().set("metrics.prometheusRule.enabled", true).set("limits.maxConnections", 1000))
			.one("PrometheusRule");
		Files.writeString(directory.resolve("rules.yaml"),
				new Yaml().dump(Map.of("groups", RenderedChart.list(RenderedChart.map(rule, "spec"), "groups"))));
		Map<String, Object> tests = Map
			.of("rule_files", List.of("rules.yaml"), "evaluation_interval", "1m", "tests", List.of(Map.of("interval",
					"1m", "input_series",
					List.of(series("junction_connections_active", "pod=\"junction-0\",protocol=\"rooms\"", "850x10"),
							series("junction_connections_active", "pod=\"junction-1\",protocol=\"rooms\"", "700x10"),
							series("junction_connections_active", "pod=\"junction-1\",protocol=\"topics\"", "50x10"),
							series("junction_draining", "pod=\"junction-0\"", "1x10"), series("junction_draining",
									"pod=\"junction-1\"", "0x10"),
							series("junction_limit_hits_total", "pod=\"junction-0\",limit=\"slow_consumer\"",
									"0+120x20"),
							series("junction_limit_hits_total", "pod=\"junction-1\",limit=\"slow_consumer\"",
									"0+30x20")),
					"alert_rule_test",
					List.of(Map.of("eval_time", "6m", "alertname", "JunctionConnectionsNearLimit", "exp_alerts", List
						.of(expected(rule, "JunctionConnectionsNearLimit", "junction-0",
								"Junction pod junction-0 holds 850 connections, near limits.maxConnections (1000)."))),
							Map.of("eval_time", "1m", "alertname", "JunctionNotReady", "exp_alerts", List.of()),
							Map.of("eval_time", "3m", "alertname", "JunctionNotReady", "exp_alerts", List
								.of(expected(rule, "JunctionNotReady", "junction-0",
										"Junction pod junction-0 has been draining (readiness down) for too long."))),
							Map.of("eval_time", "16m", "alertname", "JunctionSlowConsumers", "exp_alerts",
									List.of(expected(rule, "JunctionSlowConsumers", "junction-0",
											"Junction pod junction-0 closes 2 slow consumers per second.")))))));
		Path testFile = directory.resolve("tests.yaml");
		Files.writeString(testFile, new Yaml().dump(tests));
		Promtool.Result result = promtool.run("", "test", "rules", testFile.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void clusterAlertsShouldFireAboveTheirThresholdsOnly(@TempDir Path directory) throws Exception {
		Promtool promtool = Promtool.onPath();
		Map<String, Object> rule = RenderedChart
			.render(RenderedChart.keyed()
				.set("metrics.prometheusRule.enabled", true)
				.set("cluster.mode", "redis")
				.set("cluster.redis.existingSecret", "redis-conn"))
			.one("PrometheusRule");
		Files.writeString(directory.resolve("rules.yaml"),
				new Yaml().dump(Map.of("groups", RenderedChart.list(RenderedChart.map(rule, "spec"), "groups"))));
		Map<String, Object> tests = Map
			.of("rule_files", List.of("rules.yaml"), "evaluation_interval", "1m", "tests", List.of(Map.of("interval",
					"1m", "input_series",
					List.of(series("junction_cluster_up", "pod=\"junction-0\"", "0x20"), series(
							"junction_cluster_up", "pod=\"junction-1\"", "1x20"),
							series("junction_cluster_publications_dropped_total", "pod=\"junction-0\"", "0+60x20"),
							series("junction_cluster_publications_dropped_total", "pod=\"junction-1\"", "0x20"), series(
									"junction_cluster_sequence_gaps_total", "pod=\"junction-0\"", "0x20"),
							series("junction_cluster_sequence_gaps_total", "pod=\"junction-1\"", "0+120x20"), series(
									"junction_cluster_probe_seconds_max", "pod=\"junction-0\"", "0.1x20"),
							series("junction_cluster_probe_seconds_max", "pod=\"junction-1\"", "0.75x20")),
					"alert_rule_test",
					List.of(Map.of("eval_time", "1m", "alertname", "JunctionClusterLinkDown", "exp_alerts", List.of()),
							Map.of("eval_time", "3m", "alertname", "JunctionClusterLinkDown", "exp_alerts",
									List.of(expected(rule, "JunctionClusterLinkDown", "junction-0",
											"Junction pod junction-0 cannot reach the cluster through Redis."))),
							Map.of("eval_time", "11m", "alertname", "JunctionClusterPublicationsDropped", "exp_alerts",
									List.of(expected(rule, "JunctionClusterPublicationsDropped", "junction-0",
											"Junction pod junction-0 could not hand 1 publications per second to Redis."))),
							Map.of("eval_time", "16m", "alertname", "JunctionClusterSequenceGaps", "exp_alerts", List
								.of(expected(rule, "JunctionClusterSequenceGaps", "junction-1",
										"Junction pod junction-1 sees 2 gaps per second in other pods' publications."))),
							Map.of("eval_time", "12m", "alertname", "JunctionClusterProbeSlow", "exp_alerts", List
								.of(expected(rule, "JunctionClusterProbeSlow", "junction-1",
										"Junction pod junction-1 takes 750ms for a round trip through Redis.")))))));
		Path testFile = directory.resolve("tests.yaml");
		Files.writeString(testFile, new Yaml().dump(tests));
		Promtool.Result result = promtool.run("", "test", "rules", testFile.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void memoryModeShouldHaveNoClusterAlerts() {
		Map<String, Object> rule = RenderedChart
			.render(RenderedChart.keyed().set("metrics.prometheusRule.enabled", true))
			.one("PrometheusRule");
		assertThat(RenderedChart.list(RenderedChart.map(rule, "spec"), "groups"))
			.extracting((group) -> group.get("name"))
			.doesNotContain("junction.cluster");
	}

	private static Map<String, String> series(String metric, String labels, String values) {
		return Map.of("series", metric + "{" + SELECTOR + "," + labels + "}", "values", values);
	}

	private static Map<String, Object> expected(Map<String, Object> rule, String alert, String pod, String summary) {
		Map<String, Object> rendered = RenderedChart.list(RenderedChart.map(rule, "spec"), "groups")
			.stream()
			.flatMap((group) -> RenderedChart.list(group, "rules").stream())
			.filter((candidate) -> alert.equals(candidate.get("alert")))
			.findFirst()
			.orElseThrow();
		return Map.of("exp_labels",
				Map.of("severity", RenderedChart.map(rendered, "labels").get("severity"), "namespace", "relay", "pod",
						pod),
				"exp_annotations", Map.of("summary", summary, "description",
						RenderedChart.map(rendered, "annotations").get("description")));
	}

}
