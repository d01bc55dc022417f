package io.biggerfleet.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through /usr/bin/chromedriver
 * (no Selenium Manager download). Loads every page over the simulator fleet, searches devices, logs in,
 * pauses a rollout through its confirmation, and sees a change made in the app arrive live (the page is
 * not reloaded). Saves screenshots of the overview and the rollout page in
 * {@code target/dashboard-screenshots} (docs/images has copies). Skipped when chromium is not installed.
 */
class DashboardBrowserTest {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path SHOTS = Paths.get("target", "dashboard-screenshots");
  static final char[] TOKEN = "browser-test-token".toCharArray();

  SimFleet sim;
  FleetDashboard dashboard;
  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void start(@TempDir Path profile) {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
    sim = new SimFleet().withRollout();
    dashboard = FleetDashboard.builder(sim.fleet)
        .auth(DashboardAuth.token("alice", TOKEN))
        .refreshInterval(Duration.ofMillis(200))
        .start();
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  String url(String path) {
    return dashboard.uri().resolve(path).toString();
  }

  @Test
  void everyPageLoads_anOperatorPauses_andAChangeArrivesLiveWithoutAReload() throws IOException {
    // Overview: counts from the index, the active rollout with its progress bar.
    browser.get(url("/"));
    assertThat(browser.findElement(By.cssSelector("[data-count='Devices']")).getText())
        .isEqualTo("11");
    assertThat(browser.findElement(By.id("overview-rollouts")).getText()).contains("ROLLOUT5");
    assertThat(browser.findElements(By.cssSelector("#overview-rollouts progress")))
        .isNotEmpty();
    wait.until(ExpectedConditions.attributeContains(By.id("live-status"), "class", "on"));
    screenshot("overview.png");

    // Devices: the live count while typing, and the caret error for a bad expression.
    browser.get(url("/devices"));
    WebElement q = browser.findElement(By.id("q"));
    q.sendKeys("Model == \"121XPs\"");
    wait.until(ExpectedConditions.textToBe(By.id("live-count"), "4 devices"));
    q.sendKeys(" and (");
    wait.until(ExpectedConditions.textMatches(
        By.id("q-error"), java.util.regex.Pattern.compile("(?s)line 1, column.*\\^")));
    assertThat(browser.findElement(By.id("live-count")).getText()).isEmpty();

    // A device with markup in an attribute: shown as text, never run.
    browser.get(
        url("/device?id=" + java.net.URLEncoder.encode(sim.idOf("gardenpool-wifi"), "UTF-8")));
    assertThat(browser.getPageSource()).contains("window.pwned=1");
    assertThat(browser.executeScript("return typeof window.pwned")).isEqualTo("undefined");
    assertThat(browser.findElement(By.id("device-groups")).getText()).contains("/co/cisco/121XPs");

    browser.get(url("/groups"));
    assertThat(browser.findElement(By.id("groups-tree")).getText()).contains("/specialsets/canary");
    browser.get(url("/events"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Event log");
    assertThat(browser.findElement(By.id("events")).getText()).contains("DEVICE_POSTED");

    // Read-only until logged in: no action buttons.
    browser.get(url("/rollout?name=ROLLOUT5"));
    assertThat(browser.findElements(By.cssSelector("button.action-pause"))).isEmpty();
    assertThat(browser.findElement(By.id("rollout-failures")).getText())
        .contains(SimFleet.FAILURE_MESSAGE);
    assertThat(browser.findElements(By.cssSelector("svg.timeline polyline"))).hasSize(3);

    browser.get(url("/login"));
    browser.findElement(By.id("user")).sendKeys("alice");
    browser.findElement(By.id("secret")).sendKeys(new String(TOKEN));
    browser.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("who"), "alice"));

    // An action: Pause, then its confirmation.
    browser.get(url("/rollout?name=ROLLOUT5"));
    browser.findElement(By.cssSelector("button.action-pause")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Pause rollout ROLLOUT5?"));
    browser.findElement(By.id("confirm")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("status-line"), "ROLLOUT5 PAUSED"));
    assertThat(browser.findElement(By.className("notice")).getText()).isEqualTo("Paused ROLLOUT5.");
    assertThat(sim.fleet.rollouts().get("ROLLOUT5").state())
        .isEqualTo(io.biggerfleet.model.RolloutState.PAUSED);

    // A change made by the app (not the page) arrives live; the marker proves the page was not
    // reloaded.
    wait.until(ExpectedConditions.attributeContains(By.id("live-status"), "class", "on"));
    ((JavascriptExecutor) browser).executeScript("window.__notReloaded = 42;");
    sim.fleet.rollouts().resume("ROLLOUT5");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("status-line"), "ROLLOUT5 ACTIVE"));
    assertThat(browser.executeScript("return window.__notReloaded")).isEqualTo(42L);
    assertThat(browser.findElements(By.cssSelector("button.action-pause"))).hasSize(1);

    browser.manage().window().setSize(new Dimension(1280, 1500));
    screenshot("rollout.png");
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    File png = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
