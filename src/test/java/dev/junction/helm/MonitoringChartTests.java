package dev.junction.helm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chart's Grafana dashboard and PrometheusRule against a running node: every metric
 * and label their PromQL names must be in a real scrape of {@code /actuator/prometheus}
 * on the management port after a little traffic, and promtool (when on the PATH, see
 * {@link Promtool}) must accept the rules and find nothing wrong with the scrape.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=required",
				"management.server.port=0", "junction.limits.max-connections-per-subject=2" })
class MonitoringChartTests {

	/** Series that Prometheus or the kubelet make: never in Junction's scrape. */
	private static final Map<String, String> EXTERNAL = Map.of("up", "made by Prometheus for every target",
			"container_memory_working_set_bytes", "the kubelet's cAdvisor", "container_spec_memory_limit_bytes",
			"the kubelet's cAdvisor");

	/** Labels Prometheus gives every series of a target the ServiceMonitor finds. */
	private static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "job", "instance");

	/** cAdvisor's label for the container, besides the target labels. */
	private static final Set<String> EXTERNAL_LABELS = Set.of("namespace", "pod", "job", "instance", "container");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern SPRING_WITHOUT_HELP = Pattern
		.compile("http_server_requests(_active)?_seconds(_max)? no help text");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Object TRAFFIC_LOCK = new Object();

	private static boolean trafficMade;

	@LocalServerPort
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Test
	void everyMetricAndLabelOfTheDashboardAndRulesShouldBeInALiveScrape() throws Exception {
		Map<String, Set<String>> scraped = series(scrapeAfterTraffic());
		Map<String, String> expressions = new LinkedHashMap<>();
		dashboardExpressions().forEach((expression) -> expressions.put(expression, "dashboard"));
		ruleExpressions().forEach((alert, expression) -> expressions.put(expression, "alert " + alert));
		assertThat(expressions).hasSizeGreaterThan(30);
		Set<String> used = new LinkedHashSet<>();
		Set<String> external = new LinkedHashSet<>();
		expressions.forEach((expression, source) -> {
			PromQlNames names = PromQlNames.parse(expression);
			assertThat(names.selectors()).as("%s: %s", source, expression).isNotEmpty();
			Set<String> available = new LinkedHashSet<>(TARGET_LABELS);
			for (PromQlNames.Selector selector : names.selectors()) {
				String metric = selector.metric();
				used.add(metric);
				if (EXTERNAL.containsKey(metric)) {
					external.add(metric);
					assertThat(selector.labels()).as("%s: labels of %s", source, metric).isSubsetOf(EXTERNAL_LABELS);
					available.addAll(EXTERNAL_LABELS);
					continue;
				}
				assertThat(scraped).as("%s names %s, which the scrape lacks: %s", source, metric, expression)
					.containsKey(metric);
				available.addAll(scraped.get(metric));
				Set<String> allowed = new LinkedHashSet<>(scraped.get(metric));
				allowed.addAll(TARGET_LABELS);
				assertThat(selector.labels()).as("%s: labels of %s in %s", source, metric, expression)
					.isSubsetOf(allowed);
			}
			assertThat(names.groupingLabels()).as("%s: grouping labels of %s", source, expression)
				.isSubsetOf(available);
		});
		assertThat(used).as("the parser found the histogram, Junction's and the JVM's meters")
			.contains("junction_delivery_latency_seconds_bucket", "junction_connections_active",
					"junction_upgrades_refused_total", "junction_auth_refusals_total", "junction_limit_hits_total",
					"junction_draining", "jvm_memory_used_bytes", "jvm_gc_live_data_size_bytes",
					"junction_netty_allocator_used_direct_memory_bytes");
		assertThat(external).as("series from outside the scrape").isEqualTo(EXTERNAL.keySet());
	}

	@Test
	void promtoolShouldAcceptTheRenderedRules(@TempDir Path directory) throws Exception {
		Promtool promtool = Promtool.onPath();
		Path rules = directory.resolve("junction-rules.yaml");
		Files.writeString(rules, new Yaml().dump(Map.of("groups",
				RenderedChart.list(RenderedChart.map(monitoringChart().one("PrometheusRule"), "spec"), "groups"))));
		Promtool.Result result = promtool.run("", "check", "rules", rules.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: " + ruleExpressions().size() + " rules found");
	}

	@Test
	void promtoolShouldFindNoProblemInTheLiveScrape() throws Exception {
		Promtool promtool = Promtool.onPath();
		Promtool.Result result = promtool.run(scrapeAfterTraffic(), "check", "metrics");
		// Spring's HTTP server observations carry no description, and no setting gives
		// them one; every other meter, Junction's above all, must pass.
		List<String> problems = result.output()
			.lines()
			.filter((line) -> !SPRING_WITHOUT_HELP.matcher(line).matches())
			.toList();
		assertThat(problems).as("promtool check metrics").isEmpty();
		assertThat(result.output()).doesNotContain("junction_");
	}

	@Test
	void dashboardShouldBeLaidOutForGrafana() {
		JsonNode dashboard = dashboard();
		assertThat(dashboard.get("uid").asString()).isEqualTo("junction-relay");
		Set<Integer> ids = new LinkedHashSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			assertThat(ids.add(panel.get("id").asInt())).as("unique panel id %s", panel.get("id")).isTrue();
			JsonNode grid = panel.get("gridPos");
			assertThat(grid.get("x").asInt() + grid.get("w").asInt()).as(panel.get("title").asString())
				.isLessThanOrEqualTo(24);
			if (!"row".equals(panel.get("type").asString())) {
				assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("${datasource}");
				Set<String> refIds = new LinkedHashSet<>();
				panel.get("targets").forEach((target) -> refIds.add(target.get("refId").asString()));
				assertThat(refIds).as(panel.get("title").asString()).hasSize(panel.get("targets").size());
			}
		}
		assertThat(ids).hasSizeGreaterThan(20);
	}

	private static RenderedChart monitoringChart() {
		return RenderedChart.render(RenderedChart.keyed()
			.set("metrics.grafanaDashboard.enabled", true)
			.set("metrics.prometheusRule.enabled", true));
	}

	private static List<String> dashboardExpressions() {
		JsonNode dashboard = dashboard();
		List<String> expressions = new ArrayList<>();
		dashboard.findValues("expr").forEach((expr) -> expressions.add(expr.asString()));
		for (JsonNode variable : dashboard.get("templating").get("list")) {
			JsonNode query = variable.get("query");
			if (query != null && query.isObject()) {
				expressions.add(query.get("query").asString());
			}
		}
		return expressions;
	}

	private static JsonNode dashboard() {
		Map<String, Object> configMap = monitoringChart().one("ConfigMap");
		assertThat(RenderedChart.map(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
		return JsonMapper.shared().readTree((String) RenderedChart.map(configMap, "data").get("junction.json"));
	}

	private static Map<String, String> ruleExpressions() {
		Map<String, String> expressions = new LinkedHashMap<>();
		Map<String, Object> rule = monitoringChart().one("PrometheusRule");
		for (Map<String, Object> group : RenderedChart.list(RenderedChart.map(rule, "spec"), "groups")) {
			for (Map<String, Object> alert : RenderedChart.list(group, "rules")) {
				expressions.put((String) alert.get("alert"), (String) alert.get("expr"));
			}
		}
		return expressions;
	}

	/**
	 * Every series name of a scrape with the label names its samples carry.
	 */
	static Map<String, Set<String>> series(String scrape) {
		Map<String, Set<String>> series = new LinkedHashMap<>();
		for (String line : scrape.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).toList()) {
			int end = line.indexOf('{');
			String name = (end >= 0) ? line.substring(0, end) : line.substring(0, line.indexOf(' '));
			Set<String> labels = series.computeIfAbsent(name, (key) -> new LinkedHashSet<>());
			if (end >= 0) {
				Matcher matcher = LABEL.matcher(line.substring(end, line.lastIndexOf('}') + 1));
				while (matcher.find()) {
					labels.add(matcher.group(1));
				}
			}
		}
		return series;
	}

	/**
	 * The management port's scrape, after one round of traffic that makes every tagged
	 * counter the dashboard and the rules read exist: a room with a relayed message, an
	 * upgrade without a token, and a third connection of a subject allowed two (an
	 * upgrade refused, a limit hit).
	 */
	private String scrapeAfterTraffic() throws Exception {
		synchronized (TRAFFIC_LOCK) {
			if (!trafficMade) {
				makeTraffic();
				trafficMade = true;
			}
		}
		return scrape();
	}

	private void makeTraffic() throws Exception {
		String token = TestTokens.token("monitoring-user");
		TestWebSocket host = TestWebSocket.connect(this.port, "/ws?token=" + token);
		host.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"host\"}}");
		String created = host.nextText();
		String roomCode = created.substring(created.indexOf("room_code\":\"") + 12,
				created.indexOf("room_code\":\"") + 18);
		TestWebSocket guest = TestWebSocket.connect(this.port, "/ws?token=" + token);
		guest.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + roomCode + "\",\"user_id\":\"guest\"}}");
		guest.nextText();
		host.nextText();
		host.send("{\"type\":\"chat\"}");
		guest.nextText();
		try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/ws")) {
			assertThat(refused.status()).isEqualTo(401);
		}
		try (RawWebSocket third = RawWebSocket.upgrade(this.port, "/ws?token=" + token)) {
			assertThat(third.status()).isEqualTo(429);
		}
		await().untilAsserted(
				() -> assertThat(scrape()).contains("junction_limit_hits_total{limit=\"connections_per_subject\"}")
					.contains("junction_upgrades_refused_total{reason=")
					.contains("junction_auth_refusals_total{reason=")
					.contains("junction_delivery_latency_seconds_bucket{protocol=\"rooms\""));
		guest.close(1000);
		host.close(1000);
	}

	private String scrape() throws Exception {
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
