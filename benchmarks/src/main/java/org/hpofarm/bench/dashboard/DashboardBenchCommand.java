package org.hpofarm.bench.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.hpofarm.bench.scratch.ScratchDirectory;
import org.hpofarm.cli.FarmCommandLine;
import org.hpofarm.master.api.ApiSettings;
import org.hpofarm.master.api.MasterServer;
import org.hpofarm.master.api.MasterSettings;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.store.MemberSettings;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.worker.runner.Outcome;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Dashboard benchmark: the time from the request of a study's page to its rendering (history,
 * learning curves, parallel coordinates, importance, slices and the first page of the trials table
 * all drawn), in a real headless browser (Debian's Chromium through its chromedriver), for studies
 * of 1,000 and 20,000 trials on a master in this JVM. The page records the moment it has drawn
 * everything ({@code performance.now()}, from the navigation's start); each study is loaded {@code
 * --loads} times, the first with the browser's cache empty. Prints one JSON line per study size:
 * trials, the first (cold) load, and the median and max of all loads, in milliseconds. Run it with
 * {@code ./farm bench dashboard}; {@code --help} lists the options.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = "Time from request to a rendered study page in headless Chromium, by study size.")
public final class DashboardBenchCommand implements Callable<Integer> {

  @Option(names = "--trials", split = ",", description = "study sizes (default ${DEFAULT-VALUE})")
  List<Integer> trials = List.of(1000, 20_000);

  @Option(names = "--loads", description = "page loads per study (default ${DEFAULT-VALUE})")
  int loads = 7;

  @Option(names = "--chromium", description = "the browser (default ${DEFAULT-VALUE})")
  Path chromium = Path.of("/usr/bin/chromium");

  @Option(
      names = "--chromedriver",
      description = "its driver (default ${DEFAULT-VALUE}); never downloaded")
  Path chromedriver = Path.of("/usr/bin/chromedriver");

  @Override
  public Integer call() throws Exception {
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      System.err.println(
          "bench dashboard: needs "
              + chromium
              + " and "
              + chromedriver
              + " (Debian: apt-get install chromium chromium-driver)");
      return 2;
    }
    int port = freePort();
    try (ScratchDirectory data = ScratchDirectory.create("farm-bench-dashboard");
        MasterServer server =
            MasterServer.start(
                new MasterSettings(
                    data.path(),
                    null,
                    MemberSettings.loopback("bench-" + UUID.randomUUID(), freePort()),
                    new ApiSettings("127.0.0.1", port, ApiSettings.DEFAULT_BODY_LIMIT, 1e6, 2e6),
                    4),
                InstantSource.system())) {
      String base = "http://127.0.0.1:" + port;
      String token = Files.readString(server.adminTokenFile()).strip();
      for (int n : trials) {
        long t0 = System.nanoTime();
        String id = fill(server.service(), n);
        long filled = (System.nanoTime() - t0) / 1_000_000;
        long[] ms = new long[loads];
        ChromeDriver browser = browser();
        try {
          for (int i = 0; i < loads; i++) {
            browser.get("about:blank");
            browser.get(base + "/?token=" + token + "#/study/" + id);
            new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(
                    d ->
                        "study"
                            .equals(
                                ((JavascriptExecutor) d)
                                    .executeScript("return document.body.dataset.rendered")));
            ms[i] =
                ((Number)
                        ((JavascriptExecutor) browser)
                            .executeScript("return Number(document.body.dataset.renderedMs)"))
                    .longValue();
            System.err.println(
                "load "
                    + i
                    + ": rendered at "
                    + ms[i]
                    + " ms; requests (ms from navigation start, duration): "
                    + ((JavascriptExecutor) browser)
                        .executeScript(
                            "return performance.getEntriesByType('resource')"
                                + ".map(e => e.name.replace(/^https?:\\/\\/[^/]+/, '') + ' @'"
                                + " + Math.round(e.startTime) + ' ' + Math.round(e.duration))"
                                + ".join(', ')")
                    + "; drawing (ms per chart): "
                    + ((JavascriptExecutor) browser)
                        .executeScript("return JSON.stringify(Charts.drawn)"));
          }
        } finally {
          browser.quit();
        }
        long cold = ms[0];
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(
            Locale.ROOT,
            "{\"bench\": \"dashboard\", \"trials\": %d, \"loads\": %d, \"coldMs\": %d,"
                + " \"medianMs\": %d, \"maxMs\": %d, \"cores\": %d, \"fillMs\": %d}%n",
            n,
            loads,
            cold,
            sorted[sorted.length / 2],
            sorted[sorted.length - 1],
            Runtime.getRuntime().availableProcessors(),
            filled);
      }
    }
    return 0;
  }

  private ChromeDriver browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
    return new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build(),
        options);
  }

  /**
   * A study of {@code n} finished trials over three parameters (one categorical): one in ten
   * pruned, one in ten failed, the first 100 with three intermediate values each.
   */
  private static String fill(StudyService service, int n) {
    var spec =
        StudySpec.fromJson(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("name", "bench " + n)
                .set(
                    "space",
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .valueToTree(
                            java.util.Map.of(
                                "x", java.util.Map.of("type", "float", "low", 0, "high", 1),
                                "y", java.util.Map.of("type", "int", "low", 1, "high", 5),
                                "c",
                                    java.util.Map.of(
                                        "type", "categorical", "choices", List.of("a", "b"))))));
    String id = service.create("admin", spec).id();
    int done = 0;
    while (done < n) {
      List<Trial> batch = service.ask(id, Math.min(1000, n - done), "bench");
      for (Trial t : batch) {
        int k = done++;
        double x = ((Number) t.params().get("x")).doubleValue();
        double v =
            (x - 0.3) * (x - 0.3)
                + 0.1 * ((Number) t.params().get("y")).longValue()
                + ("b".equals(t.params().get("c")) ? 0.2 : 0);
        if (k < 100) {
          for (int step = 0; step < 3; step++) {
            service.report(id, t.number(), step, v + 1.0 / (step + 1));
          }
        }
        Outcome outcome =
            switch (k % 10) {
              case 7 -> new Outcome.Pruned();
              case 9 -> new Outcome.Failed("diverged");
              default -> new Outcome.Values(List.of(v));
            };
        service.tell(id, t.number(), outcome);
      }
    }
    return id;
  }

  private static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public static void main(String[] args) {
    System.exit(FarmCommandLine.execute(new DashboardBenchCommand(), args));
  }
}
