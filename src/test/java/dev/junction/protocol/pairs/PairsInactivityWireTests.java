package dev.junction.protocol.pairs;

import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inactivity sweep of the pairs protocol, with a short configured timeout.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"junction.protocols.pairs.inactivity-timeout=400ms", "junction.protocols.pairs.sweep-interval=100ms" })
class PairsInactivityWireTests {

	@LocalServerPort
	int port;

	@Test
	void inactiveSessionShouldBeClosedWithSessionTimeout() {
		TestWebSocket desktop = TestWebSocket.connect(this.port, "/desktop/Idle1");
		TestWebSocket mobile = TestWebSocket.connect(this.port, "/mobile/Idle1");
		assertThat(desktop.awaitClose()).isEqualTo(new TestWebSocket.Closed(1000, "Session timeout"));
		assertThat(mobile.awaitClose()).isEqualTo(new TestWebSocket.Closed(1000, "Session timeout"));
	}

}
