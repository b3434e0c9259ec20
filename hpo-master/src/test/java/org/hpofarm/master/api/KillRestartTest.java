package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hpofarm.master.store.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master in its own JVM, killed with -9 and restarted on the same data, keeps every told trial.
 */
class KillRestartTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Process startMaster(Path data, int port, String cluster) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            MasterCommandLauncher.class.getName(),
            "--port",
            Integer.toString(port),
            "--host",
            "127.0.0.1",
            "--data",
            data.toString(),
            "--hz-port",
            Integer.toString(FreePort.pick()),
            "--cluster",
            cluster,
            "--instances",
            "4");
    pb.redirectErrorStream(true);
    pb.redirectOutput(data.resolve("master-" + port + ".log").toFile());
    return pb.start();
  }

  private static HttpResponse<String> call(
      int port, String method, String path, String token, String body) throws Exception {
    var b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitHealthy(int port, Process p, Path data) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError(
            "master died: " + Files.readString(data.resolve("master-" + port + ".log")));
      }
      try {
        if (call(port, "GET", "/health", null, null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.onSpinWait();
      Thread.sleep(100); // waiting for another process, not for time to pass
    }
    throw new AssertionError("master did not start");
  }

  @Test
  void everyToldTrialSurvivesKillMinus9(@TempDir Path data) throws Exception {
    String cluster = "kill-" + UUID.randomUUID();
    int port = FreePort.pick();
    Process master = startMaster(data, port, cluster);
    Map<Integer, Double> told = new HashMap<>();
    String study;
    try {
      awaitHealthy(port, master, data);
      String admin = Files.readString(data.resolve("admin.token")).strip();
      var created =
          call(
              port,
              "POST",
              "/api/v1/studies",
              admin,
              ApiTest.SPEC.replace("\"maxTrials\": 20", "\"maxTrials\": 0"));
      assertEquals(201, created.statusCode(), created.body());
      study = MasterFixture.JSON.readTree(created.body()).get("id").asText();
      for (int i = 0; i < 40; i++) {
        var ask = call(port, "POST", "/api/v1/studies/" + study + "/ask", admin, "{}");
        int n = MasterFixture.JSON.readTree(ask.body()).get("trials").get(0).get("number").asInt();
        double value = i * 0.25;
        var tell =
            call(
                port,
                "POST",
                "/api/v1/studies/" + study + "/trials/" + n + "/tell",
                admin,
                "{\"value\": " + value + "}");
        assertEquals(200, tell.statusCode(), tell.body());
        told.put(n, value);
      }
      call(port, "POST", "/api/v1/studies/" + study + "/ask", admin, "{\"worker\": \"w\"}");
    } finally {
      master.destroyForcibly().waitFor();
    }

    int port2 = FreePort.pick();
    Process again = startMaster(data, port2, cluster + "-2");
    try {
      awaitHealthy(port2, again, data);
      String admin = Files.readString(data.resolve("admin.token")).strip();
      var list = call(port2, "GET", "/api/v1/studies/" + study + "/trials?limit=1000", admin, null);
      assertEquals(200, list.statusCode(), list.body());
      JsonNode trials = MasterFixture.JSON.readTree(list.body()).get("trials");
      Map<Integer, Double> found = new HashMap<>();
      for (JsonNode t : trials) {
        if (t.get("state").asText().equals("COMPLETE")) {
          found.put(t.get("number").asInt(), t.get("value").asDouble());
        }
      }
      assertEquals(told, found);
      assertEquals(41, trials.size(), "the running trial is there too");
      var ask = call(port2, "POST", "/api/v1/studies/" + study + "/ask", admin, "{\"count\": 3}");
      Set<Integer> numbers = new HashSet<>();
      MasterFixture.JSON
          .readTree(ask.body())
          .get("trials")
          .forEach(t -> numbers.add(t.get("number").asInt()));
      assertEquals(Set.of(41, 42, 43), numbers, "numbering goes on");
      assertTrue(
          List.of(200)
              .contains(call(port2, "GET", "/api/v1/studies/" + study, admin, null).statusCode()));
    } finally {
      again.destroyForcibly().waitFor();
    }
  }
}
