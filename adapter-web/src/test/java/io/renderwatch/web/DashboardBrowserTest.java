package io.renderwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.testkit.sim.JobScript;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium through {@code /usr/bin/chromedriver}
 * (installed by {@code .ci/run}; nothing is downloaded). It logs in with the token, watches a job
 * progress and complete on the page without reloading, and saves screenshots in
 * {@code target/screenshots}.
 */
class DashboardBrowserTest {

  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final Harness h = new Harness(Optional.of(Harness.TOKEN), Duration.ofSeconds(1));
  private ChromeDriver browser;

  @BeforeEach
  void openBrowser() {
    assertThat(CHROMEDRIVER).as("chromium-driver is installed (apt-get install chromium"
        + " chromium-driver; .ci/run does it)").isExecutable();
    assertThat(CHROMIUM).as("chromium is installed").isExecutable();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--window-size=1360,900", "--force-device-scale-factor=1");
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
    h.close();
  }

  @Test
  void aJobProgressesAndCompletesOnThePageWithoutReloading() throws Exception {
    JobId done = h.job(JobScript.completing(Duration.ZERO, Duration.ZERO));
    JobId broken = h.job(JobScript.failing(Duration.ZERO, Duration.ZERO, "RENDER_FAILED",
        "The voice-over track could not be encoded"));
    h.put("/jobs/" + done, "");
    h.put("/jobs/" + broken, "");
    JobId slow = h.job(JobScript.completing(Duration.ZERO, Duration.ofMinutes(10)));
    h.put("/jobs/" + slow, "");

    browser.get(h.server.url() + "/?token=" + Harness.TOKEN);
    assertThat(browser.getCurrentUrl()).doesNotContain(Harness.TOKEN).endsWith("/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100));
    wait.until(d -> "live".equals(d.findElement(By.id("live")).getAttribute("data-state")));

    JobId watched = h.job(JobScript.completing(Duration.ofSeconds(1), Duration.ofSeconds(12)));
    h.put("/jobs/" + watched, "{\"expected_length\": \"60s\"}");
    By card = By.id("job-" + watched);
    wait.until(d -> !d.findElements(card).isEmpty()
        && progress(d.findElement(card)) > 0 && progress(d.findElement(card)) < 100);
    WebElement running = browser.findElement(card);
    assertThat(running.getAttribute("data-status")).isEqualTo("in-progress");
    assertThat(running.findElement(By.className("stage")).getText()).contains("%");
    wait.until(d -> progress(d.findElement(card)) >= 25);
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    Path progressing = shots.resolve("dashboard.png");
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), progressing,
        StandardCopyOption.REPLACE_EXISTING);

    wait.until(d -> "completed".equals(d.findElement(card).getAttribute("data-status")));
    WebElement completed = browser.findElement(card);
    List<WebElement> links = completed.findElements(By.cssSelector(".links a"));
    assertThat(links).extracting(WebElement::getText).contains("Video");
    assertThat(links).allSatisfy(a -> assertThat(a.getAttribute("href"))
        .matches("https://.*|http://(127\\.0\\.0\\.1|localhost|\\[::1\\])[:/].*"));
    assertThat(completed.findElement(By.className("badge")).getText()).isEqualTo("completed");
    assertThat(browser.findElement(By.id("job-" + broken)).getText())
        .contains("RENDER_FAILED");
    assertThat(browser.findElement(By.id("count-completed")).getText()).isEqualTo("2");
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(),
        shots.resolve("dashboard-completed.png"), StandardCopyOption.REPLACE_EXISTING);
    assertThat(browser.getPageSource()).doesNotContain(Harness.TOKEN);
    assertThat(new File(progressing.toString())).isFile();
  }

  private static int progress(WebElement card) {
    String value = card.findElement(By.className("bar")).getAttribute("aria-valuenow");
    return value == null ? 0 : Integer.parseInt(value);
  }
}
