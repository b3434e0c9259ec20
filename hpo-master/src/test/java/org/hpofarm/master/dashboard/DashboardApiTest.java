package org.hpofarm.master.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hpofarm.master.api.MasterFixture;
import org.hpofarm.worker.runner.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's JSON routes and event stream over real HTTP on loopback: listing, charts and
 * their bounds at 20,000 trials, access control, the page's security headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {

  private MasterFixture m;
  private String alice;
  private String bob;

  @BeforeAll
  void start() throws Exception {
    m = new MasterFixture(InstantSource.system(), MasterFixture.loopback());
    alice = token("alice");
    bob = token("bob");
  }

  @AfterAll
  void stop() {
    m.close();
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

  private JsonNode ok(String path, String token) {
    var a = m.get(path, token);
    assertEquals(200, a.status(), path + ": " + a.body());
    return a.json();
  }

  @Test
  void studiesAreListedPerUserSortedFilteredAndPaged() {
    study(alice, "listing-b", 10, 0);
    study(alice, "listing-a", 20, 0);
    study(alice, "listing-c", 0, 0);
    study(bob, "listing-bob", 5, 0);
    JsonNode page = ok("/api/v1/dashboard/studies?q=listing&sort=name&order=desc&limit=2", alice);
    assertEquals(3, page.get("total").asInt(), page.toString());
    assertEquals("listing-c", page.at("/studies/0/name").asText());
    assertEquals("listing-b", page.at("/studies/1/name").asText());
    JsonNode next =
        ok("/api/v1/dashboard/studies?q=listing&sort=name&order=desc&limit=2&offset=2", alice);
    assertEquals("listing-a", next.at("/studies/0/name").asText());
    assertEquals(StudyFiller.complete(20), next.at("/studies/0/counts/COMPLETE").asInt());
    assertEquals(StudyFiller.pruned(20), next.at("/studies/0/counts/PRUNED").asInt());
    assertTrue(next.at("/studies/0/best").isNumber());
    JsonNode best = ok("/api/v1/dashboard/studies?q=listing&sort=best", alice);
    assertEquals("listing-c", best.at("/studies/2/name").asText(), "no best value sorts last");
    assertEquals(4, ok("/api/v1/dashboard/studies?q=listing", m.adminToken).get("total").asInt());
    assertEquals(1, ok("/api/v1/dashboard/studies?q=listing", bob).get("total").asInt());
    assertEquals(400, m.get("/api/v1/dashboard/studies?sort=colour", alice).status());
  }

  @Test
  void aStudysChartsHaveAPointPerTrial() {
    String id = study(alice, "charts", 50, 50);
    JsonNode d = ok("/api/v1/dashboard/studies/" + id, alice);
    JsonNode h = d.get("history");
    assertEquals(StudyFiller.complete(50), h.get("points").size());
    assertEquals(StudyFiller.pruned(50), h.get("prunedMarks").size());
    assertEquals(StudyFiller.failed(50), h.get("failedMarks").size());
    assertEquals(50, d.at("/curves/reporting").asInt());
    assertEquals(50, d.at("/curves/curves").size());
    long prunedCurves = 0;
    for (JsonNode c : d.at("/curves/curves")) {
      prunedCurves += c.get("state").asText().equals("PRUNED") ? 1 : 0;
      assertEquals(3, c.get("points").size(), c.toString());
    }
    assertEquals(StudyFiller.pruned(50), prunedCurves);
    assertEquals(3, d.at("/parameters/axes").size());
    assertEquals(StudyFiller.complete(50), d.at("/parameters/rows").size());
    assertEquals(
        List.of("a", "b"),
        List.of(
            d.at("/parameters/axes/2/choices/0").asText(),
            d.at("/parameters/axes/2/choices/1").asText()));
    assertTrue(d.get("pareto").isNull());
    JsonNode imp = ok("/api/v1/dashboard/studies/" + id + "/importance", alice);
    assertEquals(3, imp.get("importances").size());
    double sum = 0;
    for (JsonNode e : imp.get("importances")) {
      sum += e.get("importance").asDouble();
    }
    assertEquals(1.0, sum, 1e-9);
    assertTrue(
        imp.at("/importances/0/importance").asDouble()
            > imp.at("/importances/2/importance").asDouble(),
        "x matters more than c: " + imp);
    JsonNode trials = ok("/api/v1/dashboard/studies/" + id + "/trials?state=failed&limit=3", alice);
    assertEquals(StudyFiller.failed(50), trials.get("total").asInt());
    assertEquals("diverged", trials.at("/trials/0/error").asText());
    assertEquals(3, trials.get("trials").size());
  }

  @Test
  void twentyThousandTrialsAreDownsampled() {
    int n = 20_000;
    long t0 = System.nanoTime();
    String id = study(alice, "twenty thousand", n, 100);
    long filled = System.nanoTime();
    JsonNode d = ok("/api/v1/dashboard/studies/" + id, alice);
    long charts = System.nanoTime();
    JsonNode imp = ok("/api/v1/dashboard/studies/" + id + "/importance", alice);
    long importance = System.nanoTime();
    JsonNode h = d.get("history");
    assertEquals(StudyFiller.complete(n), h.get("complete").asInt());
    assertTrue(h.get("points").size() <= HistoryChart.POINTS, "points " + h.get("points").size());
    assertTrue(
        h.get("points").size() >= HistoryChart.POINTS / 2, "points " + h.get("points").size());
    assertTrue(h.get("prunedMarks").size() <= HistoryChart.MARKS);
    assertTrue(h.get("failedMarks").size() <= HistoryChart.MARKS);
    double previous = Double.POSITIVE_INFINITY;
    for (JsonNode p : h.get("best")) {
      assertTrue(p.get(1).asDouble() <= previous, "best so far never worsens");
      previous = p.get(1).asDouble();
    }
    assertEquals(d.at("/study/best").asDouble(), previous, 0.0);
    assertTrue(d.at("/parameters/rows").size() <= ParameterSample.ROWS);
    assertTrue(d.at("/curves/curves").size() <= LearningCurves.CURVES);
    assertTrue(imp.get("trials").asInt() <= Importance.TRAINING);
    JsonNode sorted = ok("/api/v1/dashboard/studies/" + id + "/trials?sort=value&limit=1", alice);
    assertEquals(n, sorted.get("total").asInt());
    assertEquals(d.at("/study/best").asDouble(), sorted.at("/trials/0/value").asDouble(), 0.0);
    System.out.printf(
        "20000 trials: filled in %d ms, charts in %d ms, importance in %d ms%n",
        (filled - t0) / 1_000_000,
        (charts - filled) / 1_000_000,
        (importance - charts) / 1_000_000);
    assertTrue((charts - filled) / 1_000_000 < 2000, "charts of 20,000 trials in under 2 s");
  }

  @Test
  void anotherUsersStudyIsNotFound() {
    String id = study(alice, "private", 3, 0);
    String other = study(bob, "bobs", 3, 0);
    assertEquals(404, m.get("/api/v1/dashboard/studies/" + id, bob).status());
    assertEquals(404, m.get("/api/v1/dashboard/studies/" + id + "/trials", bob).status());
    assertEquals(404, m.get("/api/v1/dashboard/studies/" + id + "/importance", bob).status());
    assertEquals(404, m.get("/api/v1/dashboard/compare?ids=" + other + "," + id, bob).status());
    assertEquals(401, m.get("/api/v1/dashboard/studies", null).status());
    assertEquals(401, m.get("/api/v1/dashboard/studies", "wrong-token").status());
    assertEquals(401, m.get("/api/v1/events", "wrong-token").status());
    assertEquals(200, m.get("/api/v1/dashboard/studies/" + id, m.adminToken).status());
  }

  @Test
  void compareShowsStudiesSideBySide() {
    String a = study(alice, "week 1", 30, 0);
    String b = study(alice, "week 2", 60, 0);
    JsonNode c = ok("/api/v1/dashboard/compare?ids=" + a + "," + b, alice);
    assertEquals(2, c.get("studies").size());
    assertTrue(c.get("target").isNumber());
    for (JsonNode s : c.get("studies")) {
      assertTrue(s.get("trialsToTarget").isInt(), "every study reaches the default target: " + s);
      assertFalse(s.get("byTrial").isEmpty());
      assertEquals(3, s.get("bestParams").size());
    }
    assertEquals(400, m.get("/api/v1/dashboard/compare?ids=" + a, alice).status());
  }

  @Test
  void aScriptNamedStudyIsDataAndThePageForbidsInlineScripts() throws Exception {
    String name = "<script>alert(1)</script>";
    String id = study(alice, name, 2, 0);
    assertEquals(name, ok("/api/v1/dashboard/studies/" + id, alice).at("/study/name").asText());
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(m.base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertFalse(csp.contains("unsafe-inline"), csp);
    assertFalse(page.body().matches("(?s).*<script>.*"), "no inline script in the page");
    assertFalse(page.body().contains("style="), "no inline style in the page");
    var lib = m.get("/dashboard/lib/echarts.min.js", null);
    assertEquals(200, lib.status());
    assertTrue(lib.body().length() > 500_000, "echarts from the WebJar");
    assertEquals(404, m.get("/dashboard/../pom.xml", null).status());
    assertEquals(404, m.get("/dashboard/nothing.js", null).status());
  }

  @Test
  void eventsStreamTheCallersTrialsOnly() throws Exception {
    String mine = study(alice, "live", 0, 0);
    String bobs = study(bob, "live-bob", 0, 0);
    BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
    HttpClient client = HttpClient.newHttpClient();
    var response =
        client.send(
            HttpRequest.newBuilder(URI.create(m.base + "/api/v1/events"))
                .header("Authorization", "Bearer " + alice)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (var in =
                      new BufferedReader(
                          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                      if (line.startsWith("data: ")) {
                        lines.add(line.substring(6));
                      }
                    }
                  } catch (Exception e) {
                    // closed
                  }
                });
    var service = m.server.service();
    int bobsTrial = service.ask(bobs, 1, "w").get(0).number();
    service.tell(bobs, bobsTrial, new Outcome.Values(List.of(1.0)));
    int number = service.ask(mine, 1, "w").get(0).number();
    service.tell(mine, number, new Outcome.Values(List.of(0.5)));
    String created = lines.poll(10, TimeUnit.SECONDS);
    assertNotNull(created, "an event for the created trial");
    String finished = lines.poll(10, TimeUnit.SECONDS);
    assertNotNull(finished, "an event for the finished trial");
    JsonNode f = MasterFixture.JSON.readTree(finished);
    assertEquals(mine, MasterFixture.JSON.readTree(created).get("study").asText());
    assertEquals(mine, f.get("study").asText(), "bob's trials never reach alice");
    assertEquals("COMPLETE", f.get("state").asText());
    assertEquals(0.5, f.get("value").asDouble());
    reader.interrupt();
    response.body().close();
    client.close();
  }
}
