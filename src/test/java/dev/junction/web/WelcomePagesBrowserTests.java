package dev.junction.web;

import java.util.List;
import java.util.Locale;

import dev.junction.support.Browser;
import dev.junction.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landing page and the try page in headless Chromium, with rooms requiring a token as
 * it does by default: two windows share a room through the real rooms protocol, and a
 * window without a token is refused. Screenshots go to {@code target/screenshots/}.
 */
@Browser.Required
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.rooms.auth=required" })
class WelcomePagesBrowserTests {

	private static final String CODE = "[A-HJ-NP-Z2-9]{6}";

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void landingPageShouldSayWhatThisIsAndLinkHealthAndTry() {
		browser.get(url("/"));
		assertThat(browser.getTitle()).isEqualTo("Junction");
		assertThat(browser.findElements(By.cssSelector("#protocols tbody tr"))
			.stream()
			.map((row) -> row.findElement(By.tagName("td")).getText()))
			.containsExactly("rooms", "pairs", "signaling", "tunnel", "topics");
		assertThat(browser.findElement(By.id("health-link")).getAttribute("href")).isEqualTo(url("/health"));
		Browser.screenshot(browser, "landing");
		browser.findElement(By.id("try-link")).click();
		Browser.waitFor(browser).until((driver) -> driver.getTitle().startsWith("Junction: try"));
	}

	@Test
	void twoWindowsShouldJoinOneRoomAndSeeEachOthersMessages() {
		String alice = openTryPage(TestTokens.token("alice"), "Alice");
		browser.findElement(By.id("create")).click();
		Browser.waitFor(browser).until((driver) -> text("room").matches(CODE));
		String code = text("room");

		browser.switchTo().newWindow(WindowType.WINDOW);
		String bob = openTryPage(TestTokens.token("bob"), "Bob");
		browser.findElement(By.id("code")).sendKeys(code.toLowerCase(Locale.ROOT));
		browser.findElement(By.id("join")).click();
		Browser.waitFor(browser).until((driver) -> code.equals(text("room")));
		Browser.waitFor(browser).until((driver) -> "Alice, Bob".equals(text("members")));
		send("Hello from Bob");

		browser.switchTo().window(alice);
		Browser.waitFor(browser).until((driver) -> "Alice, Bob".equals(text("members")));
		Browser.waitFor(browser).until((driver) -> log().contains("Bob: Hello from Bob"));
		send("Hi Bob, Alice here");
		Browser.screenshot(browser, "try-alice");

		browser.switchTo().window(bob);
		Browser.waitFor(browser).until((driver) -> log().contains("Alice: Hi Bob, Alice here"));
		assertThat(log()).contains("you: Hello from Bob").doesNotContain("Bob: Hello from Bob");
		Browser.screenshot(browser, "try-bob");
		browser.close();
		browser.switchTo().window(alice);
		Browser.waitFor(browser).until((driver) -> "Alice".equals(text("members")));
	}

	@Test
	void tryPageWithoutATokenShouldBeRefused() {
		openTryPage("", "Mallory");
		browser.findElement(By.id("create")).click();
		Browser.waitFor(browser).until((driver) -> log().stream().anyMatch((line) -> line.contains("refused")));
		assertThat(text("room")).isEqualTo("none");
		assertThat(text("status")).isEqualTo("not connected");
		Browser.screenshot(browser, "try-refused");
	}

	private String openTryPage(String token, String name) {
		browser.get(url("/try"));
		browser.findElement(By.id("token")).sendKeys(token);
		browser.findElement(By.id("name")).sendKeys(name);
		return browser.getWindowHandle();
	}

	private void send(String message) {
		WebElement field = browser.findElement(By.id("message"));
		Browser.waitFor(browser).until((driver) -> field.isEnabled());
		field.sendKeys(message);
		browser.findElement(By.id("send")).click();
	}

	private static List<String> log() {
		return browser.findElements(By.cssSelector("#log li")).stream().map(WebElement::getText).toList();
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
