package dev.junction.observability;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.junction.core.NodeCounters;
import dev.junction.core.ConnectionRegistry;
import dev.junction.protocol.rooms.RoomsRelayProtocol;
import dev.junction.support.Browser;
import dev.junction.support.FixedMembersProtocol;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin page in headless Chromium: live numbers that follow the node (connections,
 * groups, refusals, drain state), and the member lookup of a real room and of any
 * {@code RelayProtocol}'s group. Screenshots go to {@code target/screenshots/}.
 */
@Browser.Required
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@Import(FixedMembersProtocol.Registration.class)
class AdminPageBrowserTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	RoomsRelayProtocol rooms;

	@Autowired
	ConnectionRegistry connections;

	@Autowired
	NodeCounters counters;

	/**
	 * The tests count from a quiet node: every socket of an earlier test (each closes its
	 * own) is gone, with its room.
	 */
	@BeforeEach
	void awaitQuietNode() {
		await().until(() -> this.connections.size() == 0 && this.rooms.roomCount() == 0);
	}

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
	void adminPageShouldFollowTheNodeLiveAndShowTheMembersOfARealRoom() throws Exception {
		browser.get("http://127.0.0.1:" + this.managementPort + "/admin");
		Browser.waitFor(browser).until((driver) -> "healthy".equals(text("status")));
		Browser.waitFor(browser).until((driver) -> text("connections").matches("\\d+"));
		int before = Integer.parseInt(text("connections"));
		TestWebSocket alice = TestWebSocket.connect(this.port, "/ws");
		TestWebSocket bob = TestWebSocket.connect(this.port, "/ws");
		try {
			alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"alice\"}}");
			String code = json.readTree(alice.nextText()).get("payload").get("room_code").stringValue();
			bob.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\",\"user_id\":\"bob\"}}");
			assertThat(bob.nextText()).startsWith("{\"type\":\"room_joined\"");
			// The page polls on its own: no reload.
			Browser.waitFor(browser).until((driver) -> text("connections").equals(Integer.toString(before + 2)));
			Browser.waitFor(browser)
				.until((driver) -> cellsOf("protocols", "rooms").get(1).equals(Integer.toString(before + 2)));
			assertThat(text("groups-total")).matches("[1-9]\\d*");
			Browser.screenshot(browser, "admin-live");

			lookUp(code.toLowerCase(Locale.ROOT));
			List<String> expected = this.rooms.members(code).block(Duration.ofSeconds(10));
			assertThat(expected).hasSize(2);
			Browser.waitFor(browser).until((driver) -> shownMembers("rooms").equals(expected));
			Browser.screenshot(browser, "admin-lookup-room");

			alice.close(1000);
			Browser.waitFor(browser).until((driver) -> text("connections").equals(Integer.toString(before + 1)));

			try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/relay/job-42?token=not-a-token")) {
				assertThat(refused.status()).isEqualTo(401);
			}
			Browser.waitFor(browser)
				.until((driver) -> firstCells("refusals").stream().anyMatch((cell) -> cell.startsWith("token: ")));

		}
		finally {
			if (!alice.isClosed()) {
				alice.close(1000);
			}
			bob.close(1000);
		}
	}

	@Test
	void lookupShouldAskEveryRelayProtocolAndSayWhenNoneHasTheCode() {
		browser.get("http://127.0.0.1:" + this.managementPort + "/admin");
		lookUp(FixedMembersProtocol.CODE);
		Browser.waitFor(browser)
			.until((driver) -> shownMembers(FixedMembersProtocol.NAME).equals(FixedMembersProtocol.MEMBERS));
		Browser.screenshot(browser, "admin-lookup-protocol");
		lookUp("NOSUCH");
		Browser.waitFor(browser)
			.until((driver) -> !driver.findElements(By.cssSelector("#lookup-result .not-found")).isEmpty());
		assertThat(text("lookup-result")).contains("No protocol has a group \"NOSUCH\"");
	}

	@Test
	void stateShouldShowADrainingNode() {
		browser.get("http://127.0.0.1:" + this.managementPort + "/admin");
		Browser.waitFor(browser).until((driver) -> "healthy".equals(text("status")));
		this.counters.draining().set(true);
		try {
			Browser.waitFor(browser).until((driver) -> "draining".equals(text("status")));
			Browser.screenshot(browser, "admin-draining");
		}
		finally {
			this.counters.draining().set(false);
		}
		Browser.waitFor(browser).until((driver) -> "healthy".equals(text("status")));
	}

	private void lookUp(String code) {
		WebElement field = browser.findElement(By.id("lookup-code"));
		field.clear();
		field.sendKeys(code);
		browser.findElement(By.id("lookup-button")).click();
	}

	private List<String> shownMembers(String protocol) {
		return browser
			.findElements(By.cssSelector("#lookup-result ul.members[data-protocol='" + protocol + "'] li.member"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private List<String> cellsOf(String table, String firstCell) {
		for (WebElement row : browser.findElements(By.cssSelector("#" + table + " tbody tr"))) {
			List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
			if (!cells.isEmpty() && cells.get(0).equals(firstCell)) {
				return cells;
			}
		}
		return List.of("", "");
	}

	private List<String> firstCells(String table) {
		return browser.findElements(By.cssSelector("#" + table + " tbody tr td:first-child"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

}
