package dev.junction.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The abuse of {@link AbuseSoak}, tiny: every case runs at least once (with 2 MB large
 * frames, and an outbound bound small enough that the slow consumers hit it) while the
 * bystanders talk; the bystanders lose nothing and the server still answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.limits.outbound-queue-bytes=4MB", "junction.limits.inbound-messages-per-second=1000" })
class AbuseSoakSmokeTests {

	@LocalServerPort
	int port;

	@Test
	void bystandersShouldLoseNothingWhileEveryAbuseCaseRuns() throws Exception {
		String url = "ws://127.0.0.1:" + this.port;
		EventLoopGroup group = BenchSocket.group(2);
		try (Bystanders bystanders = Bystanders.start(group, url, "", 20)) {
			AbuseMix mix = AbuseMix.start(group, new AbuseMix.Settings(url, "", 2 * 1024 * 1024, 3000));
			try {
				await().atMost(Duration.ofMinutes(2))
					.until(() -> AbuseMix.CASES.stream().allMatch(mix.counts()::containsKey));
			}
			finally {
				mix.close();
			}
			Map<String, Long> counts = mix.counts();
			assertThat(counts).containsKeys("large-text.frames", "large-binary.frames");
			Bystanders.Counts bystanding = bystanders.stop(30);
			assertThat(bystanding.room().sent()).isPositive();
			assertThat(bystanding.topic().sent()).isPositive();
			assertThat(bystanding.clean()).as(bystanding.toString()).isTrue();
		}
		finally {
			group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
		}
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
	}

}
