package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpofarm.master.farm.FarmSettings;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.testing.ManualClock;
import org.hpofarm.worker.agent.Agent;
import org.hpofarm.worker.agent.AgentSettings;
import org.hpofarm.worker.agent.MasterClient;
import org.hpofarm.worker.runner.Assignment;
import org.hpofarm.worker.runner.DjlExecutor;
import org.hpofarm.worker.runner.DjlRunner;
import org.hpofarm.worker.runner.Outcome;
import org.hpofarm.worker.runner.TrialProcesses;
import org.hpofarm.worker.runner.TrialReporter;
import org.hpofarm.worker.runner.TrialRunner;
import org.hpofarm.worker.runner.TrialRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node agent ({@code hpo-worker}) against a real master over HTTP, on a simulated Leonardo
 * weekend farm, with a runner that counts: trials run a few at a time on their slice class, their
 * reports reach the pruner and their values are told.
 */
class AgentTest {

  /** A runner that reports x at step 1 and tells 2x, counting how many run at once. */
  static final class CountingRunner implements TrialRunner {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final Set<String> slices = ConcurrentHashMap.newKeySet();

    @Override
    public String kind() {
      return "command";
    }

    @Override
    public Outcome run(Assignment a, TrialReporter reporter) {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        slices.add(a.slice().profile());
        double x = a.params().get("x").doubleValue();
        reporter.report(1, x);
        return new Outcome.Values(List.of(2 * x));
      } finally {
        now.decrementAndGet();
      }
    }
  }

  @Test
  void placedTrialsRunAFewAtATimeOnTheirSliceClassAndAreTold() throws Exception {
    try (MasterFixture m =
        new MasterFixture(new ManualClock(), MasterFixture.loopback(), FarmSettings.defaults())) {
      var created =
          m.post(
              "/api/v1/studies",
              m.adminToken,
              "{\"name\": \"t\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}},"
                  + " \"maxTrials\": 30, \"executor\": {\"kind\": \"command\", \"slice\": \"2g\"}}");
      assertEquals(201, created.status(), created.body());
      String id = created.json().get("id").asText();
      CountingRunner runner = new CountingRunner();
      try (MasterClient client = new MasterClient(URI.create(m.base), m.adminToken);
          Agent agent =
              Agent.start(
                  new AgentSettings(
                      "simulated",
                      FarmDescription.parse(
                          "a100-40gb:25:7x1g.5gb,a100-40gb:2:3g.20gb+2g.10gb+2x1g.5gb"),
                      3,
                      Duration.ofMillis(100),
                      true,
                      null),
                  client,
                  new TrialRunners(List.of(runner)))) {
        assertTrue(agent.awaitIdle(Duration.ofSeconds(60)));
      }
      JsonNode trials = m.get("/api/v1/studies/" + id + "/trials?limit=100", m.adminToken).json();
      assertEquals(30, trials.get("total").asInt());
      for (JsonNode t : trials.get("trials")) {
        assertEquals("COMPLETE", t.get("state").asText(), t.toString());
        double x = t.get("params").get("x").asDouble();
        assertEquals(2 * x, t.get("values").get(0).asDouble());
        assertEquals(x, t.get("intermediate").get("1").asDouble(), t.toString());
      }
      assertTrue(runner.most.get() <= 3, "more than three at once: " + runner.most.get());
      assertEquals(Set.of("2g.10gb"), runner.slices);
      assertEquals(183, m.server.farm().state().slices().size());
      assertTrue(m.server.farm().state().slices().stream().allMatch(s -> s.study() == null));
      assertTrue(m.server.farm().state().agents().get(0).simulated());
    }
  }

  @Test
  void aStoppedAgentHandsItsTrialBackAndTheNextAgentResumesItsCheckpoint(@TempDir Path dir)
      throws Exception {
    try (MasterFixture m =
        new MasterFixture(new ManualClock(), MasterFixture.loopback(), FarmSettings.defaults())) {
      var created =
          m.post(
              "/api/v1/studies",
              m.adminToken,
              "{\"name\": \"calo\", \"space\": {\"lr\": {\"type\": \"float\", \"low\": 1e-3,"
                  + " \"high\": 1e-2, \"log\": true}}, \"maxTrials\": 1, \"maxRetries\": 0,"
                  + " \"executor\": {\"kind\": \"djl\", \"geometry\": \"small\", \"epochs\": 6,"
                  + " \"showers\": 600}}");
      assertEquals(201, created.status(), created.body());
      String id = created.json().get("id").asText();
      String trials = "/api/v1/studies/" + id + "/trials?limit=10";
      TrialRunners runners =
          TrialRunners.standard(dir.resolve("checkpoints"), TrialProcesses.none());
      try (MasterClient client = new MasterClient(URI.create(m.base), m.adminToken)) {
        Agent first = Agent.start(settings("node-a"), client, runners);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (m.get(trials, m.adminToken).json().at("/trials/0/intermediate").size() < 2) {
          assertTrue(System.nanoTime() < deadline, "no two epochs reported");
          Thread.sleep(100);
        }
        first.close(); // as SIGTERM does
        JsonNode stopped = m.get(trials, m.adminToken).json().at("/trials/0");
        assertEquals("FAILED", stopped.get("state").asText(), stopped.toString());
        assertEquals("preempted", stopped.get("error").asText());
        int reached = stopped.get("intermediate").size();
        try (Agent second = Agent.start(settings("node-b"), client, runners)) {
          assertTrue(second.awaitIdle(Duration.ofSeconds(90)), "second agent never idle");
        }
        JsonNode resumed = m.get(trials, m.adminToken).json().at("/trials/1");
        assertEquals("COMPLETE", resumed.get("state").asText(), resumed.toString());
        assertEquals(0, resumed.get("attempt").asInt(), "a preemption spends no retry");
        assertEquals(0, resumed.get("resumes").asInt());
        var steps = new java.util.ArrayList<Integer>();
        resumed
            .get("intermediate")
            .fieldNames()
            .forEachRemaining(k -> steps.add(Integer.parseInt(k)));
        assertTrue(steps.get(0) > reached, "resumed after epoch " + reached + ": " + steps);
        assertEquals(6, steps.getLast(), steps.toString());
        // the same training uninterrupted, as the runner starts it: the same final objective
        double uninterrupted =
            finalValue(
                DjlRunner.trainCommand(
                    DjlExecutor.fromJson(created.json().get("executor"), java.util.Set.of()),
                    (com.fasterxml.jackson.databind.node.ObjectNode) resumed.get("params"),
                    0,
                    false,
                    null));
        assertEquals(uninterrupted, resumed.at("/values/0").asDouble(), "resumed = uninterrupted");
      }
    }
  }

  @Test
  void aWorkerGroupsTrialRunsOneProcessPerSliceAndRankZeroTells() throws Exception {
    try (MasterFixture m =
        new MasterFixture(new ManualClock(), MasterFixture.loopback(), FarmSettings.defaults())) {
      var study =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              MasterFixture.JSON.readTree(
                  "{\"name\": \"group\", \"space\": {\"x\": {\"type\": \"float\","
                      + " \"low\": 0, \"high\": 1}}, \"maxTrials\": 4, \"executor\":"
                      + " {\"kind\": \"command\", \"slice\": \"cpu\", \"workersPerTrial\": 2}}");
      ((com.fasterxml.jackson.databind.node.ObjectNode) study.get("executor"))
          .put(
              "command",
              "if [ \"$RANK\" = 0 ]; then echo \"{\\\"value\\\": $WORLD_SIZE$LOCAL_WORLD_SIZE}\"; fi");
      var created = m.post("/api/v1/studies", m.adminToken, study.toString());
      assertEquals(201, created.status(), created.body());
      String id = created.json().get("id").asText();
      var settings =
          new AgentSettings(
              "node-g",
              org.hpofarm.mig.slice.Inventory.cpu("node-g", 4, 0),
              2,
              Duration.ofMillis(200),
              false,
              null);
      try (MasterClient client = new MasterClient(URI.create(m.base), m.adminToken);
          Agent agent =
              Agent.start(settings, client, TrialRunners.standard(null, TrialProcesses.none()))) {
        assertTrue(agent.awaitIdle(Duration.ofSeconds(60)), "agent never idle");
      }
      JsonNode trials = m.get("/api/v1/studies/" + id + "/trials", m.adminToken).json();
      assertEquals(4, trials.get("total").asInt(), trials.toString());
      for (JsonNode t : trials.get("trials")) {
        assertEquals("COMPLETE", t.get("state").asText(), t.toString());
        assertEquals(22.0, t.at("/values/0").asDouble(), "WORLD_SIZE 2, LOCAL_WORLD_SIZE 2");
      }
    }
  }

  /**
   * A group of two that fits on no single node, allowed to spread ({@code sameNode: false}): rank 0
   * runs on one agent, rank 1 on the other (handed over at its next lease call), they meet at rank
   * 0's agent's address and all-reduce over gloo with Debian's python3-torch; rank 0's agent tells.
   */
  @Test
  void aGroupSpreadOverTwoAgentsMeetsAtRankZerosAddressAndRankZeroTells() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isExecutable(python)
            && new ProcessBuilder(python.toString(), "-c", "import torch.distributed")
                    .start()
                    .waitFor()
                == 0,
        "Debian's python3-torch is not installed (apt-get install python3-torch)");
    Path script =
        Path.of(System.getProperty("user.dir"), "..", "examples", "allreduce.py").normalize();
    try (MasterFixture m =
        new MasterFixture(new ManualClock(), MasterFixture.loopback(), FarmSettings.defaults())) {
      var study =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              MasterFixture.JSON.readTree(
                  "{\"name\": \"spread\", \"space\": {\"x\": {\"type\": \"float\","
                      + " \"low\": 0, \"high\": 1}}, \"maxTrials\": 2, \"executor\":"
                      + " {\"kind\": \"command\", \"slice\": \"cpu\", \"workersPerTrial\": 2,"
                      + " \"sameNode\": false}}");
      ((com.fasterxml.jackson.databind.node.ObjectNode) study.get("executor"))
          .putArray("command")
          .add(python.toString())
          .add(script.toString());
      var created = m.post("/api/v1/studies", m.adminToken, study.toString());
      assertEquals(201, created.status(), created.body());
      String id = created.json().get("id").asText();
      try (MasterClient a = new MasterClient(URI.create(m.base), m.adminToken);
          MasterClient b = new MasterClient(URI.create(m.base), m.adminToken);
          Agent nodeA = spreadAgent("node-a", a);
          Agent nodeB = spreadAgent("node-b", b)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (m.get("/api/v1/studies/" + id, m.adminToken).json().at("/counts/COMPLETE").asInt()
            < 2) {
          assertTrue(System.nanoTime() < deadline, "the spread groups never completed");
          Thread.sleep(200);
        }
      }
      JsonNode trials = m.get("/api/v1/studies/" + id + "/trials", m.adminToken).json();
      assertEquals(2, trials.get("total").asInt(), trials.toString());
      for (JsonNode t : trials.get("trials")) {
        double x = t.at("/params/x").asDouble();
        assertEquals(3 * x, t.at("/values/0").asDouble(), 1e-9, "x * 1 + x * 2: " + t);
      }
    }
  }

  private static Agent spreadAgent(String id, MasterClient client) throws Exception {
    return Agent.start(
        new AgentSettings(
            id,
            org.hpofarm.mig.slice.Inventory.cpu(id, 1, 0),
            1,
            Duration.ofMillis(200),
            false,
            null,
            "127.0.0.1"),
        client,
        TrialRunners.standard(null, TrialProcesses.none()));
  }

  private static double finalValue(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String last = null;
    for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
      if (line.startsWith("{\"model\"")) {
        last = line;
      }
    }
    assertEquals(0, p.waitFor());
    return MasterFixture.JSON.readTree(last).get("value").asDouble();
  }

  private static AgentSettings settings(String id) {
    return new AgentSettings(
        id, org.hpofarm.mig.slice.Inventory.cpu(id, 1, 0), 1, Duration.ofMillis(200), false, null);
  }
}
