package dev.junction.config;

import dev.junction.JunctionApplication;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown closes every connection with 1012 before the server stops, instead of letting
 * WebFlux drop them with 1005.
 */
class ShutdownWireTests {

	@Test
	void shutdownShouldCloseEveryConnectionWith1012() {
		ConfigurableApplicationContext context = SpringApplication.run(JunctionApplication.class, "--server.port=0",
				"--junction.shutdown.drain-timeout=5s");
		int port = java.util.Objects.requireNonNull(((WebServerApplicationContext) context).getWebServer()).getPort();
		TestWebSocket rooms = TestWebSocket.connect(port, "/ws");
		TestWebSocket pairs = TestWebSocket.connect(port, "/desktop/Shutdown1");
		pairs.nextText();
		context.close();
		assertThat(rooms.awaitClose()).isEqualTo(new TestWebSocket.Closed(1012, "server restarting"));
		assertThat(pairs.awaitClose()).isEqualTo(new TestWebSocket.Closed(1012, "server restarting"));
	}

}
