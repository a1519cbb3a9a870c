package dev.junction.observability;

import java.util.HashMap;

import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which observations {@link UpgradeObservations} lets through.
 */
class UpgradeObservationsTests {

	private final UpgradeObservations predicate = new UpgradeObservations();

	@Test
	void webSocketUpgradeShouldNotBeObserved() {
		MockServerHttpRequest upgrade = MockServerHttpRequest.get("/ws").header("Upgrade", "WebSocket").build();
		assertThat(this.predicate.test("http.server.requests", context(upgrade))).isFalse();
	}

	@Test
	void plainRequestShouldBeObserved() {
		MockServerHttpRequest health = MockServerHttpRequest.get("/health").build();
		assertThat(this.predicate.test("http.server.requests", context(health))).isTrue();
	}

	@Test
	void otherObservationsShouldPass() {
		assertThat(this.predicate.test("something.else", new Observation.Context())).isTrue();
	}

	private static ServerRequestObservationContext context(MockServerHttpRequest request) {
		return new ServerRequestObservationContext(request, new MockServerHttpResponse(), new HashMap<>());
	}

}
