package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hpofarm.master.store.CuttableProxy;
import org.hpofarm.master.store.Database;
import org.hpofarm.master.store.FreePort;
import org.hpofarm.master.store.JdbcRecords;
import org.hpofarm.master.store.MemberSettings;
import org.hpofarm.master.store.TestPostgres;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialJson;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master on the real PostgreSQL, reached through a proxy the test cuts for 20 s under steady ask
 * and tell load: every answer is a 200 or a fast 503, the master recovers by itself, and every
 * acknowledged tell is in the database.
 */
class StoreOutageTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration OUTAGE = Duration.ofSeconds(20);

  private record Call(int status, long millis, boolean duringOutage) {}

  @Test
  void aDatabaseOutageGets503sFastAndLosesNoAcknowledgedTell(@TempDir Path dir) throws Exception {
    String url = TestPostgres.url();
    Assumptions.assumeTrue(url != null, "FARM_TEST_POSTGRES not set");
    URI pg = URI.create(url.substring("jdbc:".length()));
    String schema = "farm_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (var c = DriverManager.getConnection(url);
        var st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    try (CuttableProxy proxy =
        new CuttableProxy(FreePort.pick(), new InetSocketAddress(pg.getHost(), pg.getPort()))) {
      String proxied =
          "jdbc:postgresql://127.0.0.1:"
              + proxy.port()
              + pg.getPath()
              + "?"
              + pg.getQuery()
              + "&currentSchema="
              + schema;
      int port = FreePort.pick();
      try (MasterServer master =
              MasterServer.start(
                  new MasterSettings(
                      Files.createDirectories(dir.resolve("data")),
                      proxied,
                      MemberSettings.loopback("outage-" + UUID.randomUUID(), FreePort.pick()),
                      new ApiSettings("127.0.0.1", port, 64 * 1024, 1e6, 2e6),
                      8),
                  InstantSource.system());
          HttpClient http = HttpClient.newHttpClient()) {
        String base = "http://127.0.0.1:" + port;
        String admin = Files.readString(master.adminTokenFile()).strip();
        String study =
            send(
                    http,
                    base + "/api/v1/studies",
                    admin,
                    "{\"name\": \"outage\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0,"
                        + " \"high\": 1}}, \"sampler\": {\"type\": \"random\", \"seed\": 1}}")
                .path("id")
                .asText();
        AtomicBoolean outage = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Double> acknowledged = java.util.Collections.synchronizedMap(new TreeMap<>());
        Thread load =
            Thread.ofPlatform()
                .start(
                    () -> {
                      while (!stop.get()) {
                        long t0 = System.nanoTime();
                        boolean during = outage.get();
                        HttpResponse<String> asked =
                            post(http, base + "/api/v1/studies/" + study + "/ask", admin, "{}");
                        calls.add(call(asked, t0, during));
                        if (asked.statusCode() != 200) {
                          continue;
                        }
                        int n = read(asked).at("/trials/0/number").asInt();
                        double value = n / 1000.0;
                        long t1 = System.nanoTime();
                        during = outage.get();
                        HttpResponse<String> told =
                            post(
                                http,
                                base + "/api/v1/studies/" + study + "/trials/" + n + "/tell",
                                admin,
                                "{\"value\": " + value + "}");
                        calls.add(call(told, t1, during));
                        if (told.statusCode() == 200) {
                          acknowledged.put(n, value);
                        }
                      }
                    });
        Thread.sleep(3000);
        proxy.cut();
        outage.set(true);
        Thread.sleep(1000);
        HttpResponse<String> degraded = get(http, base + "/health");
        Thread.sleep(OUTAGE.toMillis() - 1000);
        outage.set(false);
        proxy.restore();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int before = acknowledged.size();
        while (acknowledged.size() < before + 5 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        stop.set(true);
        load.join();

        assertEquals(503, degraded.statusCode(), degraded.body());
        assertEquals("degraded", read(degraded).path("status").asText());
        assertEquals(200, get(http, base + "/health").statusCode(), "up again by itself");
        assertTrue(acknowledged.size() >= before + 5, "tells acknowledged again after the outage");
        Set<Integer> statuses = new HashSet<>();
        long slowest503 = 0;
        int unavailable = 0;
        for (Call c : calls) {
          statuses.add(c.status());
          if (c.status() == 503) {
            unavailable++;
            slowest503 = Math.max(slowest503, c.millis());
          }
        }
        assertTrue(Set.of(200, 503).containsAll(statuses), "only 200s and 503s: " + statuses);
        assertTrue(unavailable > 0, "the outage was seen");
        assertTrue(slowest503 < 3000, "a 503 took " + slowest503 + " ms");
        String metrics = get(http, base + "/metrics").body();
        assertTrue(metrics.contains("farm_store_failures_total"), "the failures are counted");

        Map<Integer, String> stored;
        try (Database db = Database.open(url, schema)) {
          stored = new JdbcRecords(db).trials(study, acknowledged.keySet());
        }
        for (var told : acknowledged.entrySet()) {
          String body = stored.get(told.getKey());
          assertTrue(body != null, "trial " + told.getKey() + " not in the database");
          Trial t = TrialJson.decode(body);
          assertEquals(TrialState.COMPLETE, t.state(), "trial " + told.getKey());
          assertEquals(told.getValue(), t.value(), "trial " + told.getKey());
        }
        System.out.printf(
            "{\"outage_s\": %d, \"calls\": %d, \"503\": %d, \"slowest_503_ms\": %d,"
                + " \"acknowledged_tells\": %d, \"stored\": %d}%n",
            OUTAGE.toSeconds(),
            calls.size(),
            unavailable,
            slowest503,
            acknowledged.size(),
            stored.size());
      }
    } finally {
      try (var c = DriverManager.getConnection(url);
          var st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static Call call(HttpResponse<String> r, long t0, boolean during) {
    return new Call(r.statusCode(), (System.nanoTime() - t0) / 1_000_000, during);
  }

  private static JsonNode read(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  private static JsonNode send(HttpClient http, String url, String token, String body) {
    HttpResponse<String> r = post(http, url, token, body);
    assertEquals(201, r.statusCode(), r.body());
    return read(r);
  }

  private static HttpResponse<String> post(HttpClient http, String url, String token, String body) {
    return request(
        http,
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> get(HttpClient http, String url) {
    return request(http, HttpRequest.newBuilder(URI.create(url)));
  }

  private static HttpResponse<String> request(HttpClient http, HttpRequest.Builder b) {
    try {
      return http.send(
          b.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
  }
}
