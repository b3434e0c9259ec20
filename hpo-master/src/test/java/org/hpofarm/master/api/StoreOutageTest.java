package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import org.hpofarm.master.store.CuttableProxy;
import org.hpofarm.master.store.Database;
import org.hpofarm.master.store.FreePort;
import org.hpofarm.master.store.MemberSettings;
import org.hpofarm.master.store.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master on the real PostgreSQL, reached through a proxy the test cuts for 20 s under steady ask
 * and tell load: every answer is a 200 or a fast 503, the master recovers by itself, and every
 * acknowledged tell is in the database.
 */
class StoreOutageTest {

  private static final Duration OUTAGE = Duration.ofSeconds(20);

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
          AskTellLoad load =
              new AskTellLoad(
                  "http://127.0.0.1:" + port, Files.readString(master.adminTokenFile()).strip())) {
        Thread.sleep(3000);
        proxy.cut();
        Thread.sleep(1000);
        HttpResponse<String> degraded = load.get("/health");
        Thread.sleep(OUTAGE.toMillis() - 1000);
        proxy.restore();
        load.awaitMoreAcknowledged(5, Duration.ofSeconds(20));
        load.stop();

        assertEquals(503, degraded.statusCode(), degraded.body());
        assertEquals("degraded", AskTellLoad.read(degraded).path("status").asText());
        assertEquals(200, load.get("/health").statusCode(), "up again by itself");
        long[] unavailable = load.assertOnly200sAndFast503s(Duration.ofSeconds(3));
        assertTrue(
            load.get("/metrics").body().contains("farm_store_failures_total"),
            "the failures are counted");
        int stored;
        try (Database db = Database.open(url, schema)) {
          stored = load.assertEveryAcknowledgedTellStored(db);
        }
        System.out.printf(
            "{\"outage_s\": %d, \"calls\": %d, \"503\": %d, \"slowest_503_ms\": %d,"
                + " \"acknowledged_tells\": %d, \"stored\": %d}%n",
            OUTAGE.toSeconds(),
            load.calls().size(),
            unavailable[0],
            unavailable[1],
            load.acknowledged().size(),
            stored);
      }
    } finally {
      try (var c = DriverManager.getConnection(url);
          var st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
