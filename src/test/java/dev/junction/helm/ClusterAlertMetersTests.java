package dev.junction.helm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.junction.support.ClusterNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chart's cluster alerts against a node in redis mode: every meter and label their
 * PromQL names is in a real scrape of that node, and promtool accepts the rules rendered
 * for redis mode.
 */
class ClusterAlertMetersTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void everyMeterOfTheClusterAlertsShouldBeInTheScrapeOfARedisNode() throws Exception {
		List<Map<String, Object>> alerts = clusterAlerts();
		assertThat(alerts).extracting((alert) -> alert.get("alert"))
			.containsExactly("JunctionClusterLinkDown", "JunctionClusterPublicationsDropped",
					"JunctionClusterSequenceGaps", "JunctionClusterProbeSlow");
		try (ClusterNodes nodes = ClusterNodes.redis(Map.of())) {
			int port = nodes.managementPort(nodes.start());
			// The probe's timer appears with the first round trip through Redis.
			await().untilAsserted(() -> assertThat(scrape(port)).contains("junction_cluster_probe_seconds_max"));
			Map<String, Set<String>> scraped = MonitoringChartTests.series(scrape(port));
			for (Map<String, Object> alert : alerts) {
				String expression = (String) alert.get("expr");
				PromQlNames names = PromQlNames.parse(expression);
				assertThat(names.selectors()).as(expression).isNotEmpty();
				Set<String> available = new LinkedHashSet<>(Set.of("namespace", "pod", "job", "instance"));
				for (PromQlNames.Selector selector : names.selectors()) {
					assertThat(scraped).as("%s names %s", alert.get("alert"), selector.metric())
						.containsKey(selector.metric());
					available.addAll(scraped.get(selector.metric()));
					assertThat(selector.labels()).as(expression).isSubsetOf(available);
				}
				assertThat(names.groupingLabels()).as(expression).isSubsetOf(available);
			}
		}
	}

	@Test
	void promtoolShouldAcceptTheRulesOfRedisMode(@TempDir Path directory) throws Exception {
		Promtool promtool = Promtool.onPath();
		Path rules = directory.resolve("junction-rules.yaml");
		Files.writeString(rules, new Yaml().dump(Map.of("groups", groups())));
		Promtool.Result result = promtool.run("", "check", "rules", rules.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		int count = groups().stream().mapToInt((group) -> RenderedChart.list(group, "rules").size()).sum();
		assertThat(result.output()).contains("SUCCESS: " + count + " rules found");
	}

	private static List<Map<String, Object>> clusterAlerts() {
		return groups().stream()
			.filter((group) -> "junction.cluster".equals(group.get("name")))
			.flatMap((group) -> RenderedChart.list(group, "rules").stream())
			.toList();
	}

	private static List<Map<String, Object>> groups() {
		Map<String, Object> rule = RenderedChart
			.render(RenderedChart.keyed()
				.set("metrics.prometheusRule.enabled", true)
				.set("cluster.mode", "redis")
				.set("cluster.redis.existingSecret", "redis-conn"))
			.one("PrometheusRule");
		return RenderedChart.list(RenderedChart.map(rule, "spec"), "groups");
	}

	private static String scrape(int port) throws Exception {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
