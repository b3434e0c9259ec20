package org.hpofarm.master.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.logging.Level;
import org.hpofarm.master.api.MasterFixture;
import org.hpofarm.master.farm.FarmSettings;
import org.hpofarm.worker.runner.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by its own chromedriver
 * through Selenium (never Selenium Manager's downloads), against one master with a simulated farm.
 * A missing Chromium fails the class rather than skipping it. With {@code
 * -Ddashboard.screenshots=DIR} (or {@code DASHBOARD_SCREENSHOTS=DIR}) each page's screenshot is
 * written to {@code DIR}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private MasterFixture m;
  private ChromeDriver browser;
  private String alice;
  private String bob;
  private String charts;
  private String other;

  @BeforeAll
  void start() throws Exception {
    assertTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the dashboard's tests need Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver; .ci/run installs them)");
    m =
        new MasterFixture(
            InstantSource.system(),
            MasterFixture.loopback(),
            FarmSettings.defaults()
                .simulating("a100-40gb:1:7x1g.5gb")
                .pacing(1, Duration.ofMillis(300)));
    alice = token("alice");
    bob = token("bob");
    charts = study(alice, "resnet sweep", 60, 40);
    other = study(alice, "resnet sweep (last week)", 40, 0);
    browser = browser();
  }

  /** Headless Chromium through the system chromedriver. */
  static ChromeDriver browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (m != null) {
      m.close();
    }
  }

  private String token(String user) {
    var a = m.post("/api/v1/tokens", m.adminToken, "{\"user\": \"" + user + "\", \"days\": 1}");
    assertEquals(201, a.status(), a.body());
    return a.json().get("token").asText();
  }

  private String study(String token, String name, int trials, int reporting) {
    var a = m.post("/api/v1/studies", token, StudyFiller.spec(name));
    assertEquals(201, a.status(), a.body());
    String id = a.json().get("id").asText();
    StudyFiller.fill(m.server.service(), id, trials, reporting);
    return id;
  }

  /** Opens {@code hash} signed in with {@code token}, waits until the page says it rendered. */
  private void open(String token, String hash, String page) {
    browser.get(m.base + "/?token=" + token + hash);
    rendered(page);
  }

  private void rendered(String page) {
    try {
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(d -> page.equals(js("return document.body.dataset.rendered")));
    } catch (org.openqa.selenium.TimeoutException e) {
      StringBuilder log = new StringBuilder();
      browser.manage().logs().get(LogType.BROWSER).forEach(l -> log.append(l).append('\n'));
      long t0 = System.nanoTime();
      var direct = m.get("/api/v1/dashboard/studies", alice);
      throw new AssertionError(
          "page "
              + page
              + " never rendered at "
              + browser.getCurrentUrl()
              + "; it shows: "
              + browser.findElement(By.tagName("main")).getText()
              + "; browser log: "
              + log
              + "; requests: "
              + js(
                  "return performance.getEntriesByType('resource').map(e => e.name + ' '"
                      + " + Math.round(e.duration) + ' ' + e.responseStatus).join('; ')")
              + "; the studies route answers directly "
              + direct.status()
              + " in "
              + (System.nanoTime() - t0) / 1_000_000
              + " ms",
          e);
    }
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private long points(String chart, int series) {
    return ((Number)
            js(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                    + ".getOption().series[arguments[1]].data.length",
                chart,
                series))
        .longValue();
  }

  private void screenshot(String name) throws Exception {
    String dir =
        System.getProperty("dashboard.screenshots", System.getenv("DASHBOARD_SCREENSHOTS"));
    if (dir == null || dir.isBlank()) {
      return;
    }
    Files.createDirectories(Path.of(dir));
    js("window.scrollTo(0, 0)");
    var size = browser.manage().window().getSize();
    long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
    browser
        .manage()
        .window()
        .setSize(
            new org.openqa.selenium.Dimension(size.getWidth(), (int) Math.min(height + 140, 3000)));
    Thread.sleep(500); // charts follow the new size and finish their frame
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(
        png.toPath(),
        Path.of(dir, name + ".png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(size);
  }

  /** No script or style was refused by the page's Content-Security-Policy. */
  private void noPolicyViolations() {
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      assertFalse(e.getMessage().contains("Content Security Policy"), e.getMessage());
    }
  }

  @Test
  @Order(1)
  void aWrongTokenSeesNoStudy() throws Exception {
    browser.get(m.base + "/?token=not-a-token#/studies");
    rendered("signin");
    assertTrue(browser.findElement(By.id("signin-error")).getText().contains("unknown"));
    assertTrue(browser.findElements(By.cssSelector(".study-row")).isEmpty());
    assertFalse(browser.getCurrentUrl().contains("token="), "token removed from the address bar");
    screenshot("signin");
  }

  @Test
  @Order(2)
  void theStudiesOfTheUserAreListed() throws Exception {
    study(bob, "bob's study", 5, 0);
    open(alice, "#/studies", "studies");
    assertFalse(browser.getCurrentUrl().contains("token="), "token removed from the address bar");
    List<String> names =
        browser.findElements(By.cssSelector(".study-row .name")).stream()
            .map(e -> e.getText())
            .toList();
    assertTrue(names.contains("resnet sweep"), names.toString());
    assertFalse(names.contains("bob's study"), "another user's study is not listed");
    assertEquals(
        String.valueOf(StudyFiller.complete(60)),
        browser
            .findElement(By.cssSelector(".study-row[data-id='" + charts + "'] td:nth-child(8)"))
            .getText());
    screenshot("studies");
    noPolicyViolations();
  }

  @Test
  @Order(3)
  void everyPlotOfAStudyHasItsPoints() throws Exception {
    open(alice, "#/study/" + charts, "study");
    int complete = StudyFiller.complete(60);
    int pruned = StudyFiller.pruned(60);
    assertEquals(complete, points("chart-history", 0), "complete trials");
    assertTrue(points("chart-history", 1) >= 2, "best-so-far steps");
    assertEquals(pruned, points("chart-history", 2), "pruned trials marked");
    assertEquals(StudyFiller.failed(60), points("chart-history", 3), "failed trials marked");
    long series =
        ((Number)
                js(
                    "return echarts.getInstanceByDom(document.getElementById('chart-curves')).getOption().series.length"))
            .longValue();
    assertEquals(40, series, "a learning curve per reporting trial");
    long marked =
        ((Number)
                js(
                    "return echarts.getInstanceByDom(document.getElementById('chart-curves')).getOption()"
                        + ".series.filter(s => s.markPoint && s.markPoint.data.length).length"))
            .longValue();
    assertEquals(StudyFiller.pruned(40), marked, "pruned curves marked where they stopped");
    assertEquals(complete, points("chart-parallel", 0));
    assertEquals(3, points("chart-importance", 0), "importance per parameter");
    for (int i = 0; i < 3; i++) {
      assertEquals(complete, points("chart-slice-" + i, 0), "slice plot " + i);
    }
    assertEquals(
        25, browser.findElements(By.cssSelector(".trial-row")).size(), "one page of trials");
    screenshot("study");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("trial-state")))
        .selectByValue("PRUNED");
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            d ->
                List.of("PRUNED")
                        .equals(
                            js(
                                "return [...new Set([...document.querySelectorAll('.trial-row')]"
                                    + ".map(r => r.dataset.state))]"))
                    && ((Number) js("return document.querySelectorAll('.trial-row').length"))
                            .intValue()
                        == pruned);
    noPolicyViolations();
  }

  @Test
  @Order(4)
  void aStudyWithTwoObjectivesShowsItsParetoFront() throws Exception {
    var a =
        m.post(
            "/api/v1/studies",
            alice,
            "{\"name\": \"accuracy vs latency\", \"directions\": [\"minimize\", \"minimize\"],"
                + " \"space\": "
                + StudyFiller.SPACE
                + "}");
    String id = a.json().get("id").asText();
    var service = m.server.service();
    for (var t : service.ask(id, 30, "w")) {
      double x = ((Number) t.params().get("x")).doubleValue();
      long y = ((Number) t.params().get("y")).longValue();
      service.tell(id, t.number(), new Outcome.Values(List.of(x + 0.05 * y, 1 - x + 0.05 * y)));
    }
    open(alice, "#/study/" + id, "study");
    assertEquals(30, points("chart-pareto", 0) + points("chart-pareto", 1));
    assertTrue(points("chart-pareto", 0) >= 1);
  }

  @Test
  @Order(5)
  void aTrialToldWhileThePageIsOpenAppearsWithoutReload() throws Exception {
    open(alice, "#/study/" + charts, "study");
    js("window.notReloaded = true");
    long before = points("chart-history", 0);
    var service = m.server.service();
    var t = service.ask(charts, 1, "w").get(0);
    service.tell(charts, t.number(), new Outcome.Values(List.of(0.001)));
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(d -> points("chart-history", 0) == before + 1);
    assertEquals(Boolean.TRUE, js("return window.notReloaded === true"), "no reload");
    assertEquals(
        "0.001", browser.findElement(By.id("study-best")).getText(), "the new best is shown");
  }

  @Test
  @Order(6)
  void theCompareViewShowsTwoStudies() throws Exception {
    open(alice, "#/compare?ids=" + charts + "," + other, "compare");
    assertEquals(2, browser.findElements(By.cssSelector(".compare-row")).size());
    long series =
        ((Number)
                js(
                    "return echarts.getInstanceByDom(document.getElementById('chart-compare-trials')).getOption().series.length"))
            .longValue();
    assertEquals(2, series);
    assertEquals(
        2L,
        ((Number)
                js(
                    "return echarts.getInstanceByDom(document.getElementById('chart-compare-param-0')).getOption().series.length"))
            .longValue());
    screenshot("compare");
    noPolicyViolations();
  }

  @Test
  @Order(7)
  void aStudyNamedLikeAScriptIsText() throws Exception {
    String name = "<script>alert(1)</script>";
    String id = study(alice, name, 3, 0);
    open(alice, "#/studies", "studies");
    String shown =
        browser.findElement(By.cssSelector(".study-row[data-id='" + id + "'] .name")).getText();
    assertEquals(name, shown);
    open(alice, "#/study/" + id, "study");
    assertEquals(name, browser.findElement(By.cssSelector("#study-page h1")).getText());
    assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    assertEquals(
        0L, ((Number) js("return document.querySelectorAll('main script').length")).longValue());
  }

  @Test
  @Order(8)
  void campaignsShowEachAgainstTheOneBeforeAndNoneHonestly() throws Exception {
    open(bob, "#/campaigns", "campaigns");
    assertEquals(1, browser.findElements(By.id("no-campaigns")).size(), "bob has none");

    // two weekends of one repository, as the weekly build records them: last week's study, then
    // this week's (the campaigns' figures are the studies' own, computed by the master)
    var store = new org.hpofarm.master.store.JdbcWeeklyStore(m.server.store().database());
    java.time.Instant now = java.time.Instant.now();
    for (String[] c : new String[][] {{"2026-W48", other, "14"}, {"2026-W49", charts, "7"}}) {
      java.time.Instant started = now.minus(Duration.ofDays(Long.parseLong(c[2])));
      assertTrue(
          store.addCampaign(
              new org.hpofarm.weekly.campaign.Campaign(
                  "calo",
                  c[0],
                  org.hpofarm.weekly.campaign.Campaign.State.CLOSED,
                  null,
                  "4eb87cd61d616573639645d862c8c3d4187fba85",
                  List.of("models/vae.py"),
                  c[1],
                  null,
                  started,
                  started.plus(Duration.ofHours(58)))));
    }
    open(alice, "#/campaigns", "campaigns");
    var rows = browser.findElements(By.cssSelector(".campaign-row"));
    assertEquals(2, rows.size());
    String newest = rows.get(0).getText();
    assertTrue(newest.startsWith("calo 2026-W49 CLOSED"), newest);
    assertTrue(newest.contains("vs 2026-W48"), "compared with the week before: " + newest);
    var weeks = browser.findElement(By.cssSelector("#campaign-weeks a.weeks-link"));
    assertTrue(weeks.getText().startsWith("calo: 2 weeks"), weeks.getText());
    screenshot("campaigns");
    weeks.click();
    rendered("compare");
    assertEquals(2, browser.findElements(By.cssSelector(".compare-row")).size());
  }

  @Test
  @Order(9)
  void theFarmShowsTheSimulatedSlicesAndARunningTrial() throws Exception {
    var created =
        m.post(
            "/api/v1/studies",
            m.adminToken,
            "{\"name\": \"calo on the farm\", \"space\": {\"lr\": {\"type\": \"float\", \"low\": 1e-3,"
                + " \"high\": 1e-2, \"log\": true}}, \"maxTrials\": 1, \"maxRetries\": 0,"
                + " \"executor\": {\"kind\": \"djl\", \"geometry\": \"small\", \"epochs\": 200,"
                + " \"showers\": 600}}");
    assertEquals(201, created.status(), created.body());
    String id = created.json().get("id").asText();
    open(m.adminToken, "#/farm", "farm");
    assertEquals(7, browser.findElements(By.cssSelector(".slice")).size(), "7 simulated slices");
    new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(500))
        .until(
            d -> {
              d.navigate().refresh();
              rendered("farm");
              return !d.findElements(By.cssSelector(".slice.busy a[href='#/study/" + id + "']"))
                  .isEmpty();
            });
    assertTrue(
        browser.findElement(By.cssSelector(".slice.busy .since")).getText().startsWith("since"));
    assertFalse(browser.findElements(By.cssSelector("#agents-table tbody tr")).isEmpty());
    screenshot("farm");
    noPolicyViolations();
    m.call("DELETE", "/api/v1/studies/" + id, m.adminToken, null);
  }
}
