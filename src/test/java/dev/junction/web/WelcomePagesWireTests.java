package dev.junction.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.junction.support.RawWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public port's pages for people: {@code GET /} answers a browser with HTML and
 * everyone else with the health document, {@code /try} is a page, and without a
 * management port of its own there is no admin page anywhere.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WelcomePagesWireTests {

	/** What Chromium and Firefox send when they navigate to a page. */
	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,"
			+ "image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void rootShouldAnswerABrowserWithTheLandingPage() throws Exception {
		HttpResponse<String> response = get("/", BROWSER_ACCEPT);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(response.headers().firstValue("Vary"))
			.hasValueSatisfying((vary) -> assertThat(vary).contains("Accept"));
		assertThat(response.body()).contains("<title>Junction</title>", "href=\"/health\"", "href=\"/try\"");
	}

	@Test
	void rootShouldAnswerEveryOtherClientWithTheHealthDocument() throws Exception {
		for (String accept : new String[] { null, "*/*", "application/json", "application/json, text/html;q=0.5",
				"text/*", "text/html;q=0", "not a media type" }) {
			HttpResponse<String> response = get("/", accept);
			assertThat(response.statusCode()).as(accept).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).as(accept).hasValue("application/json");
			assertThat(json.readTree(response.body()).get("service").stringValue()).isEqualTo("junction");
		}
	}

	@Test
	void healthShouldStayJsonForBrowsersToo() throws Exception {
		HttpResponse<String> response = get("/health", BROWSER_ACCEPT);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void tryPageAndItsAssetsShouldBeServed() throws Exception {
		HttpResponse<String> page = get("/try", null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("default-src 'self'", "connect-src 'self'"));
		assertThat(page.body()).contains("<script src=\"/assets/try.js\"></script>", "token --sub alice");
		HttpResponse<String> script = get("/assets/try.js", null);
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("javascript"));
		assertThat(script.body()).contains("['bearer', token]");
		assertThat(get("/assets/junction.css", null).statusCode()).isEqualTo(200);
		assertThat(get("/assets/nothing.js", null).statusCode()).isEqualTo(404);
		assertThat(get("/assets/../index.html", null).statusCode()).isNotEqualTo(200);
	}

	@Test
	void upgradesShouldNeverReachThePages() throws Exception {
		for (String path : new String[] { "/try", "/assets/try.js" }) {
			try (RawWebSocket refused = RawWebSocket.upgrade(this.port, path)) {
				assertThat(refused.status()).as(path).isEqualTo(404);
			}
		}
		try (RawWebSocket root = RawWebSocket.upgrade(this.port, "/")) {
			assertThat(root.status()).isEqualTo(101);
		}
	}

	@Test
	void adminPageShouldNotExistWithoutAManagementPort() throws Exception {
		for (String path : new String[] { "/admin", "/admin/node", "/admin/members?code=ABCDEF", "/admin/admin.js",
				"/actuator/admin" }) {
			assertThat(get(path, BROWSER_ACCEPT).statusCode()).as(path).isEqualTo(404);
		}
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
