package dev.junction.helm;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PromQlNames}.
 */
class PromQlNamesTests {

	@Test
	void histogramQuantileShouldYieldTheBucketSeriesAndItsGrouping() {
		PromQlNames names = PromQlNames.parse("histogram_quantile(0.99, sum by (protocol, le) "
				+ "(rate(junction_delivery_latency_seconds_bucket{namespace=\"$namespace\", pod=~\"$pod\"}"
				+ "[$__rate_interval]))) > 0.1");
		assertThat(names.selectors()).containsExactly(
				new PromQlNames.Selector("junction_delivery_latency_seconds_bucket", Set.of("namespace", "pod")));
		assertThat(names.groupingLabels()).containsExactly("protocol", "le");
	}

	@Test
	void binaryOperationsShouldYieldBothSidesAndSkipKeywords() {
		PromQlNames names = PromQlNames.parse("max by (pod) (a_bytes{area=\"heap\"}) / on (pod) group_left "
				+ "max without (id) (b_bytes > 0) and bool c offset 5m unless d{x!~'y'}");
		assertThat(names.metricNames()).containsExactly("a_bytes", "b_bytes", "c", "d");
		assertThat(names.selectors().get(0).labels()).containsExactly("area");
		assertThat(names.selectors().get(3).labels()).containsExactly("x");
		assertThat(names.groupingLabels()).containsExactly("pod", "id");
	}

	@Test
	void labelValuesShouldYieldItsSelectorAndLabel() {
		PromQlNames names = PromQlNames
			.parse("label_values(junction_connections_active{namespace=\"$namespace\"}, pod)");
		assertThat(names.metricNames()).containsExactly("junction_connections_active");
		assertThat(names.groupingLabels()).containsExactly("pod");
	}

	@Test
	void stringsShouldNotBeReadAsNames() {
		PromQlNames names = PromQlNames.parse("up{job=\"sum by (x) (y)\"} == 0");
		assertThat(names.metricNames()).containsExactly("up");
		assertThat(names.groupingLabels()).isEmpty();
	}

	@Test
	void selectorWithoutNameShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PromQlNames.parse("{__name__=~\"junction_.*\"}"));
	}

}
