package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hpofarm.master.farm.FarmService;
import org.hpofarm.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The farm routes over real HTTP on loopback: lease, the farm's state and the burst windows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FarmApiTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-25T12:00:00Z"));
  private MasterFixture m;
  private String alice;
  private String bob;

  @BeforeAll
  void start() throws Exception {
    m = new MasterFixture(clock, MasterFixture.loopback());
    alice = token("alice");
    bob = token("bob");
  }

  @AfterAll
  void stop() {
    m.close();
  }

  private String token(String user) {
    var a =
        m.post(
            "/api/v1/tokens",
            m.adminToken,
            "{\"user\": \"" + user + "\", \"neverExpires\": true, \"mayRunCommands\": true}");
    assertEquals(201, a.status(), a.body());
    return a.json().get("token").asText();
  }

  private String study(String token, String name, String executor, int maxTrials) {
    String body =
        "{\"name\": \""
            + name
            + "\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}},"
            + " \"maxTrials\": "
            + maxTrials
            + (executor == null ? "" : ", \"executor\": " + executor)
            + "}";
    var a = m.post("/api/v1/studies", token, body);
    assertEquals(201, a.status(), a.body());
    return a.json().get("id").asText();
  }

  private void delete(String token, String id) {
    assertEquals(204, m.call("DELETE", "/api/v1/studies/" + id, token, null).status());
  }

  private static String mig(String id, String gpu, String profile, long memory) {
    return "{\"id\": \""
        + id
        + "\", \"gpu\": \""
        + gpu
        + "\", \"profile\": \""
        + profile
        + "\", \"memoryMiB\": "
        + memory
        + "}";
  }

  private static String cpu(String id) {
    return "{\"id\": \"" + id + "\"}";
  }

  private static String lease(List<String> slices, List<String> free) {
    return "{\"slices\": ["
        + String.join(", ", slices)
        + "], \"free\": ["
        + String.join(", ", free.stream().map(f -> "\"" + f + "\"").toList())
        + "]}";
  }

  private JsonNode assignments(String agent, String token, String body) {
    var a = m.post("/api/v1/agents/" + agent + "/lease", token, body);
    assertEquals(200, a.status(), a.body());
    return a.json().get("assignments");
  }

  @Test
  @Order(1)
  void windowsAreTheWeekendInRomeAcrossDaylightSavingChanges() {
    // Wednesday 25 March 2026: no window; the next one spans the spring change (29 March).
    JsonNode w = m.get("/api/v1/farm/windows", alice).json();
    assertEquals("FRI 20:00", w.get("start").asText());
    assertEquals("MON 06:00", w.get("end").asText());
    assertEquals("Europe/Rome", w.get("zone").asText());
    assertTrue(w.get("current").isNull(), w.toString());
    assertEquals("2026-03-27T20:00+01:00", w.at("/next/start").asText());
    assertEquals("2026-03-30T06:00+02:00", w.at("/next/end").asText());
    assertEquals(57.0, w.at("/next/hours").asDouble());

    // Saturday 24 October 2026: inside the window that spans the autumn change (25 October).
    clock.advance(Duration.between(clock.instant(), Instant.parse("2026-10-24T12:00:00Z")));
    w = m.get("/api/v1/farm/windows", alice).json();
    assertEquals("2026-10-23T20:00+02:00", w.at("/current/start").asText());
    assertEquals("2026-10-26T06:00+01:00", w.at("/current/end").asText());
    assertEquals(59.0, w.at("/current/hours").asDouble());
    assertEquals("2026-10-30T20:00+01:00", w.at("/next/start").asText());
    assertEquals("2026-11-02T06:00+01:00", w.at("/next/end").asText());
    assertEquals(401, m.get("/api/v1/farm/windows", null).status());
  }

  @Test
  @Order(2)
  void leasePlacesExecutorTrialsOnFittingFreeSlicesAndNothingForExternalStudies() {
    String external = study(alice, "external", null, 10);
    String farmed =
        study(
            alice,
            "farmed",
            "{\"kind\": \"command\", \"command\": \"true\", \"slice\": \"1g\"}",
            3);
    List<String> slices =
        List.of(
            mig("MIG-a0", "GPU-a", "1g.10gb", 9728),
            mig("MIG-a1", "GPU-a", "1g.10gb", 9728),
            mig("MIG-a2", "GPU-a", "3g.40gb", 40192),
            mig("MIG-a3", "GPU-a", "1g.10gb", 9728),
            mig("MIG-a4", "GPU-a", "1g.10gb", 9728));
    JsonNode given =
        assignments(
            "node-a",
            m.adminToken,
            lease(slices, List.of("MIG-a0", "MIG-a1", "MIG-a2", "MIG-a3", "MIG-a4")));
    assertEquals(3, given.size(), given.toString()); // the budget: three trials
    Set<String> slicesGiven = new HashSet<>();
    Set<Integer> trials = new HashSet<>();
    for (JsonNode a : given) {
      assertEquals(farmed, a.get("study").asText());
      assertTrue(a.get("slice").asText().startsWith("MIG-a"));
      assertTrue(!a.get("slice").asText().equals("MIG-a2"), "a 1g trial never takes the 3g slice");
      assertTrue(slicesGiven.add(a.get("slice").asText()), "slice given twice: " + given);
      assertTrue(trials.add(a.get("trial").asInt()));
      assertEquals("command", a.at("/executor/kind").asText());
      assertEquals(60, a.get("heartbeatSeconds").asInt());
      assertTrue(a.get("params").get("x").isNumber());
      assertEquals("node-a:" + a.get("slice").asText(), a.get("worker").asText());
    }
    var running = m.get("/api/v1/studies/" + farmed + "/trials?state=running", alice).json();
    assertEquals(3, running.get("total").asInt(), running.toString());
    for (JsonNode t : running.get("trials")) {
      assertTrue(t.get("worker").asText().startsWith("node-a:MIG-a"), t.toString());
    }
    assertEquals(
        0, m.get("/api/v1/studies/" + external + "/trials", alice).json().get("total").asInt());

    // The same agent again, with nothing free: nothing more, the slices stay held.
    assertEquals(0, assignments("node-a", m.adminToken, lease(slices, List.of())).size());
    // Another agent cannot offer the same slices while node-a is alive.
    var taken =
        m.post("/api/v1/agents/node-b/lease", m.adminToken, lease(slices.subList(0, 1), List.of()));
    assertEquals(403, taken.status(), taken.body());
    assertTrue(taken.json().get("message").asText().contains("slices[0].id"));

    // GET /farm: to bob, another user, alice's trials are only busy slices.
    JsonNode seenByBob = m.get("/api/v1/farm", bob).json();
    assertEquals(3, seenByBob.at("/counts/busy").asInt(), seenByBob.toString());
    assertEquals(0, seenByBob.at("/counts/visible").asInt());
    seenByBob
        .at("/gpus/0/slices")
        .forEach(s -> assertTrue(s.get("trial").isNull(), "bob sees " + s));
    assertTrue(
        seenByBob.toString().indexOf(farmed) < 0,
        "no study id of alice's reaches bob: " + seenByBob);
    // To alice: the GPU with its slices and which trial holds each.
    JsonNode farm = m.get("/api/v1/farm", alice).json();
    assertEquals(3, farm.at("/counts/visible").asInt());
    JsonNode gpu = farm.get("gpus").get(0);
    assertEquals("GPU-a", gpu.get("id").asText());
    assertEquals("node-a", gpu.get("node").asText());
    Map<String, JsonNode> bySlice = new HashMap<>();
    gpu.get("slices").forEach(s -> bySlice.put(s.get("id").asText(), s));
    assertEquals(5, bySlice.size());
    assertEquals("MIG", bySlice.get("MIG-a2").get("kind").asText());
    assertEquals("3g.40gb", bySlice.get("MIG-a2").get("profile").asText());
    assertEquals(40192, bySlice.get("MIG-a2").get("memoryMiB").asLong());
    assertTrue(bySlice.get("MIG-a2").get("trial").isNull());
    for (JsonNode a : given) {
      JsonNode held = bySlice.get(a.get("slice").asText()).get("trial");
      assertEquals(farmed, held.get("study").asText());
      assertEquals(a.get("trial").asInt(), held.get("number").asInt());
    }
    assertEquals("node-a", farm.get("agents").get(0).get("id").asText());
    assertEquals(3, farm.get("agents").get(0).get("held").asInt());
    assertTrue(farm.get("reservations").isArray());

    // A trial ends, its slice comes back free: the budget is spent, nothing is placed, and the
    // slice is free again in the farm's view.
    String done = given.get(0).get("slice").asText();
    int n = given.get(0).get("trial").asInt();
    m.post("/api/v1/studies/" + farmed + "/trials/" + n + "/tell", alice, "{\"value\": 1.5}");
    assertEquals(0, assignments("node-a", m.adminToken, lease(slices, List.of(done))).size());
    m.get("/api/v1/farm", bob)
        .json()
        .at("/gpus/0/slices")
        .forEach(
            s -> {
              if (s.get("id").asText().equals(done)) {
                assertTrue(s.get("trial").isNull(), s.toString());
              }
            });
    delete(alice, farmed);
    delete(alice, external);
    // Its processes stopped, node-a reports everything free: nothing holds a slice any more.
    List<String> all = List.of("MIG-a0", "MIG-a1", "MIG-a2", "MIG-a3", "MIG-a4");
    assertEquals(0, assignments("node-a", m.adminToken, lease(slices, all)).size());
    assertEquals(0, m.get("/api/v1/farm", bob).json().at("/agents/0/held").asInt());
  }

  @Test
  @Order(3)
  void fairShareSplitsFreeSlicesBetweenStudiesAndUserTokensLeaseOnlyTheirOwn() {
    String a = study(alice, "cpu-a", "{\"kind\": \"command\", \"command\": \"true\"}", 10);
    String b = study(bob, "cpu-b", "{\"kind\": \"command\", \"command\": \"true\"}", 10);
    List<String> slots = List.of(cpu("c0"), cpu("c1"), cpu("c2"), cpu("c3"));
    JsonNode given =
        assignments("node-c", m.adminToken, lease(slots, List.of("c0", "c1", "c2", "c3")));
    assertEquals(4, given.size(), given.toString());
    Map<String, Integer> perStudy = new HashMap<>();
    given.forEach(g -> perStudy.merge(g.get("study").asText(), 1, Integer::sum));
    assertEquals(Map.of(a, 2, b, 2), perStudy); // users first, then studies: two each

    // Bob's own agent gets only bob's trials, however many of alice's wait.
    JsonNode bobs =
        assignments("node-bob", bob, lease(List.of(cpu("d0"), cpu("d1")), List.of("d0", "d1")));
    assertEquals(2, bobs.size());
    bobs.forEach(g -> assertEquals(b, g.get("study").asText()));
    delete(alice, a);
    delete(bob, b);
  }

  @Test
  @Order(4)
  void badLeaseBodiesAre400sNamingTheField() {
    String path = "/api/v1/agents/node-x/lease";
    assertEquals(401, m.post(path, null, "{\"slices\": []}").status());
    String[][] cases = {
      {"{}", "slices"},
      {"{\"slices\": 3}", "slices"},
      {"{\"slices\": [{\"gpu\": \"GPU-x\"}]}", "slices[0].id"},
      {"{\"slices\": [{\"id\": \"MIG-x\", \"gpu\": \"GPU-x\"}]}", "slices[0].profile"},
      {"{\"slices\": [{\"id\": \"x\", \"memoryMiB\": -1}]}", "slices[0].memoryMiB"},
      {"{\"slices\": [{\"id\": \"x\", \"kind\": \"tpu\"}]}", "slices[0].kind"},
      {"{\"slices\": [{\"id\": \"x\"}, {\"id\": \"x\"}]}", "slices[1].id"},
      {"{\"slices\": [{\"id\": \"x\"}], \"free\": [\"y\"]}", "free"},
      {"{\"slices\": [], \"extra\": 1}", "extra"},
      {"{\"slices\": [], \"max\": -1}", "max"},
      {"[1]", "body"},
    };
    for (String[] c : cases) {
      String body = c[0];
      String field = c[1];
      var a = m.post(path, m.adminToken, body);
      assertEquals(400, a.status(), body + " -> " + a.body());
      assertTrue(
          a.json().get("message").asText().startsWith(field),
          body + " -> " + a.json().get("message"));
    }
    var badAgent = m.post("/api/v1/agents/bad%20agent/lease", m.adminToken, "{\"slices\": []}");
    assertEquals(400, badAgent.status(), badAgent.body());
    assertTrue(badAgent.json().get("message").asText().startsWith("agent"));
  }

  @Test
  void anExecutorAskingForSlicesThatCannotExistIsRefusedAtCreation() {
    String body =
        "{\"name\": \"tpu\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}},"
            + " \"executor\": {\"kind\": \"command\", \"command\": \"true\", \"slice\": \"tpu\"}}";
    var a = m.post("/api/v1/studies", m.adminToken, body);
    assertEquals(400, a.status(), a.body());
    assertTrue(a.json().get("message").asText().startsWith("executor.slice"), a.body());
    assertEquals(0, m.get("/api/v1/studies", m.adminToken).json().get("total").asInt());
  }

  @Test
  @Order(99)
  void anAgentIdBelongsToTheUserWhoRegisteredItAndItsSlicesAreItsOwn() {
    String dora = token("dora");
    String eve = token("eve");
    String own = lease(List.of(cpu("dora-node/cpu-0")), List.of("dora-node/cpu-0"));
    assignments("dora-node", dora, own);
    var squat = m.post("/api/v1/agents/dora-node/lease", eve, own);
    assertEquals(403, squat.status(), squat.body());
    assertTrue(squat.json().get("message").asText().contains("another user"), squat.body());
    var slices = m.post("/api/v1/agents/eve-node/lease", eve, own);
    assertEquals(403, slices.status(), slices.body());
    assertTrue(slices.json().get("message").asText().contains("slices[0].id"), slices.body());
    JsonNode farm = m.get("/api/v1/farm", m.adminToken).json();
    assertTrue(farm.toString().contains("\"dora-node\""), "dora's agent is still there");
    assertTrue(!farm.toString().contains("\"eve-node\""), "a refused call registers nothing");
    assignments("dora-node", dora, own); // dora's own token still leases as it

    for (int i = 0; i < FarmService.MAX_AGENTS_PER_USER; i++) {
      String slice = "eve-" + i + "/cpu-0";
      assignments("eve-" + i, eve, lease(List.of(cpu(slice)), List.of()));
    }
    var cap =
        m.post("/api/v1/agents/eve-64/lease", eve, lease(List.of(cpu("eve-64/c")), List.of()));
    assertEquals(403, cap.status(), cap.body());
    assertTrue(cap.json().get("message").asText().contains("64 agents"), cap.body());
  }
}
