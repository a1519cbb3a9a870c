package dev.junction.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junction.support.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code junction_build_info} in a real scrape: value 1, with the build's version, its
 * commit and the running Java version.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "junction.auth.hmac-secret=" + TestTokens.SECRET)
class BuildInfoWireTests {

	private static final Pattern BUILD_INFO = Pattern.compile(
			"(?m)^junction_build_info\\{commit=\"([^\"]+)\",java_version=\"([^\"]+)\",version=\"([^\"]+)\"} 1(\\.0)?$");

	@LocalServerPort
	int port;

	@Test
	void scrapeShouldCarryTheBuildInfoGauge() throws Exception {
		String scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(scrape).contains("# TYPE junction_build_info gauge");
		Matcher matcher = BUILD_INFO.matcher(scrape);
		assertThat(matcher.find()).as(scrape).isTrue();
		assertThat(matcher.group(1)).matches("[0-9a-f]{7,}|unknown");
		assertThat(matcher.group(2)).isEqualTo(System.getProperty("java.version"));
		assertThat(matcher.group(3)).isEqualTo("0.1.0-SNAPSHOT");
	}

}
