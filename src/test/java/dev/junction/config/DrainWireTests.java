package dev.junction.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.JunctionApplication;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful drain at shutdown: readiness goes down before the first connection is closed,
 * upgrades are refused with 503 meanwhile, connections close with 1012 spread over the
 * drain window (no reconnect storm), and all within the drain timeout.
 */
class DrainWireTests {

	/**
	 * Runs the shutdown on a thread of its own: the common pool has a single thread on a
	 * two-core machine, and an earlier test's client callbacks may hold it.
	 */
	private static void onItsOwnThread(Runnable task) {
		Thread thread = new Thread(task, "context-close");
		thread.setDaemon(true);
		thread.start();
	}

	private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void shutdownShouldDrainInOrderAndPaced() throws Exception {
		AtomicLong readinessDown = new AtomicLong();
		SpringApplication application = new SpringApplication(JunctionApplication.class);
		application.addListeners((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
			if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
				readinessDown.compareAndSet(0, System.nanoTime());
			}
		});
		// The drain timeout is far away: a peer that never answers the close handshake
		// keeps the node draining while it is observed, however busy the machine.
		ConfigurableApplicationContext context = application.run("--server.port=0",
				"--junction.shutdown.drain-spread=1500ms", "--junction.shutdown.drain-timeout=60s");
		int port = Objects.requireNonNull(((WebServerApplicationContext) context).getWebServer()).getPort();
		List<TestWebSocket> clients = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			clients.add(TestWebSocket.connect(port, "/ws"));
		}
		RawWebSocket silent = RawWebSocket.upgrade(port, "/ws");
		long stopStarted = System.nanoTime();
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::close, DrainWireTests::onItsOwnThread);
		HttpClient http = HttpClient.newHttpClient();
		await().until(() -> get(http, port, "/actuator/health/readiness").statusCode() == 503);
		HttpResponse<String> health = get(http, port, "/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(health.body()).startsWith("{\"status\":\"draining\"");
		assertThat(get(http, port, "/actuator/prometheus").body()).contains("junction_draining 1.0");
		try (RawWebSocket late = RawWebSocket.upgrade(port, "/ws")) {
			assertThat(late.status()).as("upgrade while draining").isEqualTo(503);
			assertThat(late.header("Retry-After")).isNotNull();
		}
		List<Long> closedAt = new ArrayList<>();
		for (TestWebSocket client : clients) {
			assertThat(client.awaitClose()).isEqualTo(new TestWebSocket.Closed(1012, "server restarting"));
			closedAt.add(client.closedAtNanos());
		}
		// The silent peer goes away; nothing is left to wait for.
		silent.close();
		stopping.get(60, TimeUnit.SECONDS);
		long firstClose = closedAt.stream().mapToLong(Long::longValue).min().orElseThrow();
		long lastClose = closedAt.stream().mapToLong(Long::longValue).max().orElseThrow();
		assertThat(readinessDown.get()).as("readiness down before the first close").isPositive().isLessThan(firstClose);
		// Twenty random moments in 1.5 s: a busy machine only spreads them further.
		assertThat(lastClose - firstClose).as("closes spread out").isGreaterThan(300_000_000L);
		assertThat(firstClose).isGreaterThan(stopStarted);
	}

	@Test
	void shutdownShouldDropAPeerThatNeverCompletesTheCloseAtTheDrainTimeout() throws Exception {
		ConfigurableApplicationContext context = new SpringApplication(JunctionApplication.class).run("--server.port=0",
				"--junction.shutdown.drain-spread=0s", "--junction.shutdown.drain-timeout=1s");
		int port = Objects.requireNonNull(((WebServerApplicationContext) context).getWebServer()).getPort();
		try (RawWebSocket silent = RawWebSocket.upgrade(port, "/ws")) {
			assertThat(silent.status()).isEqualTo(101);
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::close,
					DrainWireTests::onItsOwnThread);
			// The peer reads but never answers the close frame: the node must not wait
			// for
			// it forever. A shutdown that did would time out here.
			assertThat(silent.readUntilClose().closeCode()).isEqualTo(1012);
			stopping.get(60, TimeUnit.SECONDS);
			assertThat(context.isActive()).isFalse();
		}
	}

}
