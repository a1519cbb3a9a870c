package dev.junction.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser tests, from the machine's own {@code chromium} and
 * {@code chromedriver} (Debian's packages by default; {@code -Djunction.browser.chromium}
 * and {@code -Djunction.browser.chromedriver} name others). Both paths are given to
 * Selenium, so Selenium Manager never downloads anything.
 *
 * <p>
 * Without them the tests are skipped with a message, so that {@code ./mvnw verify} works
 * on a machine with only a JDK; in CI (the {@code CI} environment variable set, or
 * {@code -Djunction.require-browser=true}) they run and fail instead.
 */
public final class Browser {

	/** How long a page may take to show what a test waits for. */
	public static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	// Selenium warns that it has no DevTools (CDP) bindings for Debian's newer Chromium;
	// the tests use WebDriver only. Held here so the settings are not collected.
	private static final List<Logger> QUIET = Stream
		.of("org.openqa.selenium.devtools.CdpVersionFinder", "org.openqa.selenium.chromium.ChromiumDriver")
		.map(Logger::getLogger)
		.peek((logger) -> logger.setLevel(Level.SEVERE))
		.toList();

	private Browser() {
	}

	/**
	 * Start a headless browser.
	 * @return the driver; quit it when done
	 */
	public static ChromeDriver start() {
		Path chromium = chromium();
		Path chromedriver = chromedriver();
		if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
			throw new IllegalStateException(missing(chromium, chromedriver));
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		// --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--disable-extensions", "--no-first-run", "--window-size=1280,1400");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Wait for a condition on the page, polling; elements that a page re-rendered in the
	 * meantime are looked up again.
	 * @param driver the browser
	 * @return the wait
	 */
	public static WebDriverWait waitFor(WebDriver driver) {
		WebDriverWait wait = new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(100));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/**
	 * Save what the browser shows as {@code target/screenshots/<name>.png}.
	 * @param driver the browser
	 * @param name the file's name, without extension
	 * @return the file
	 */
	public static Path screenshot(WebDriver driver, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
			Files.deleteIfExists(shot);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path chromium() {
		return Path.of(System.getProperty("junction.browser.chromium", "/usr/bin/chromium"));
	}

	static Path chromedriver() {
		return Path.of(System.getProperty("junction.browser.chromedriver", "/usr/bin/chromedriver"));
	}

	static boolean required() {
		String ci = System.getenv("CI");
		return (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci))
				|| Boolean.getBoolean("junction.require-browser");
	}

	private static String missing(Path chromium, Path chromedriver) {
		return "No headless browser: needs " + chromium + " and " + chromedriver
				+ " (apt-get install chromium chromium-driver, or -Djunction.browser.chromium and"
				+ " -Djunction.browser.chromedriver)";
	}

	/**
	 * Runs a test class only where a browser can be started, or where one is required.
	 */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@ExtendWith(Condition.class)
	public @interface Required {

	}

	static final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			Path chromium = chromium();
			Path chromedriver = chromedriver();
			if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
				return ConditionEvaluationResult.enabled("Chromium at " + chromium);
			}
			if (required()) {
				return ConditionEvaluationResult.enabled("A browser is required here; starting it will fail");
			}
			return ConditionEvaluationResult.disabled("Browser tests skipped. " + missing(chromium, chromedriver)
					+ "; CI=true or -Djunction.require-browser=true makes this a failure.");
		}

	}

}
