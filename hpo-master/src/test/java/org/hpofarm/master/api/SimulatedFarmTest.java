package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import org.hpofarm.master.farm.FarmSettings;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.testing.ManualClock;
import org.hpofarm.worker.agent.Agent;
import org.hpofarm.worker.agent.AgentSettings;
import org.hpofarm.worker.agent.MasterClient;
import org.hpofarm.worker.runner.TrialProcesses;
import org.hpofarm.worker.runner.TrialRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A master with a simulated farm of two CPU slots ({@code --simulate-farm cpu:1:2}): its in-process
 * agent runs djl studies' trials to completion, over the same placement as the HTTP agents, and
 * never a command study's (those run on a node agent: here one more agent over HTTP).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedFarmTest {

  /** Reads x and n from FARM_PARAMS, reports x at step 1, then tells (x - 0.3)^2 + n. */
  static final String COMMAND =
      "x=$(printf '%s' \\\"$FARM_PARAMS\\\" | sed 's/.*\\\"x\\\": *\\\\([^,}]*\\\\).*/\\\\1/');"
          + " n=$(printf '%s' \\\"$FARM_PARAMS\\\" | sed 's/.*\\\"n\\\": *\\\\([^,}]*\\\\).*/\\\\1/');"
          + " awk -v x=\\\"$x\\\" -v n=\\\"$n\\\" 'BEGIN { printf \\\"{\\\\\\\"step\\\\\\\": 1,"
          + " \\\\\\\"value\\\\\\\": %.17g}\\\\n\\\", x;"
          + " printf \\\"{\\\\\\\"value\\\\\\\": %.17g}\\\\n\\\", (x - 0.3) ^ 2 + n }'";

  private final ManualClock clock = new ManualClock();
  private MasterFixture m;

  @BeforeAll
  void start() throws Exception {
    m =
        new MasterFixture(
            clock,
            MasterFixture.loopback(),
            FarmSettings.defaults().simulating("cpu:1:2").pacing(2, Duration.ofMillis(200)));
  }

  @AfterAll
  void stop() {
    m.close();
  }

  private String study(String name, String executor, String pruner, int maxTrials) {
    String body =
        "{\"name\": \""
            + name
            + "\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1},"
            + " \"n\": {\"type\": \"int\", \"low\": 1, \"high\": 3}},"
            + " \"sampler\": {\"type\": \"random\", \"seed\": 7}, \"maxRetries\": 0,"
            + (pruner == null ? "" : " \"pruner\": " + pruner + ",")
            + " \"maxTrials\": "
            + maxTrials
            + ", \"executor\": "
            + executor
            + "}";
    var a = m.post("/api/v1/studies", m.adminToken, body);
    assertEquals(201, a.status(), a.body());
    return a.json().get("id").asText();
  }

  private JsonNode trials(String id) {
    return m.get("/api/v1/studies/" + id + "/trials?limit=100", m.adminToken).json();
  }

  /** A node agent with one CPU slot, over HTTP with the admin token, running {@code body}. */
  private void withNodeAgent(ThrowingRunnable body) throws Exception {
    try (MasterClient client = new MasterClient(URI.create(m.base), m.adminToken);
        Agent agent =
            Agent.start(
                new AgentSettings(
                    "node", Inventory.cpu("node", 1, 0), 1, Duration.ofMillis(200), false, null),
                client,
                TrialRunners.standard(null, TrialProcesses.none()))) {
      body.run(agent);
    }
  }

  private interface ThrowingRunnable {
    void run(Agent agent) throws Exception;
  }

  @Test
  void theInMasterAgentNeverRunsACommandStudy() throws Exception {
    String id =
        study("command", "{\"kind\": \"command\", \"command\": \"cat admin.token\"}", null, 2);
    assertTrue(m.server.simulatedAgent().awaitIdle(Duration.ofSeconds(30)), "agent never idle");
    assertTrue(m.server.simulatedAgent().awaitIdle(Duration.ofSeconds(30)), "agent never idle");
    assertEquals(0, trials(id).get("total").asInt(), "nothing placed on the master's own agent");
    m.call("DELETE", "/api/v1/studies/" + id, m.adminToken, null);
  }

  @Test
  void commandStudyRunsToCompletionOnANodeAgent() throws Exception {
    String id =
        study("command", "{\"kind\": \"command\", \"command\": \"" + COMMAND + "\"}", null, 6);
    withNodeAgent(agent -> assertTrue(agent.awaitIdle(Duration.ofSeconds(90)), "never idle"));
    JsonNode list = trials(id);
    assertEquals(6, list.get("total").asInt(), list.toString());
    for (JsonNode t : list.get("trials")) {
      assertEquals("COMPLETE", t.get("state").asText(), t.toString());
      double x = t.at("/params/x").asDouble();
      long n = t.at("/params/n").asLong();
      assertEquals((x - 0.3) * (x - 0.3) + n, t.get("value").asDouble(), 1e-12, t.toString());
      assertEquals(x, t.at("/intermediate/1").asDouble(), 1e-15, t.toString());
      assertTrue(t.get("worker").asText().startsWith("node:"), t.toString());
    }
    JsonNode farm = m.get("/api/v1/farm", m.adminToken).json();
    assertEquals("simulated", farm.at("/agents/0/id").asText());
    assertTrue(farm.at("/agents/0/simulated").asBoolean());
    assertEquals(3, farm.get("cpuSlots").size(), farm.toString());
    farm.get("cpuSlots").forEach(s -> assertTrue(s.get("trial").isNull(), farm.toString()));
  }

  @Test
  void reportsGoThroughThePrunerAndAPrunedProcessIsStopped() throws Exception {
    // The threshold pruner stops every trial at its first report (n >= 1 > 0.5); unpruned, the
    // command would sleep a minute first.
    String id =
        study(
            "pruned",
            "{\"kind\": \"command\", \"command\":"
                + " \"echo '{\\\"step\\\": 1, \\\"value\\\": 1}'; sleep 60; echo 0\"}",
            "{\"type\": \"threshold\", \"upper\": 0.5}",
            2);
    withNodeAgent(agent -> assertTrue(agent.awaitIdle(Duration.ofSeconds(60)), "never idle"));
    JsonNode list = trials(id);
    assertEquals(2, list.get("total").asInt(), list.toString());
    list.get("trials").forEach(t -> assertEquals("PRUNED", t.get("state").asText(), t.toString()));
  }

  @Test
  void aDjlStudyTrainsTheModelInChildJvmsOnTheSimulatedSlots() throws Exception {
    var a =
        m.post(
            "/api/v1/studies",
            m.adminToken,
            "{\"name\": \"djl\", \"space\": {\"lr\": {\"type\": \"float\", \"low\": 1e-3,"
                + " \"high\": 1e-2, \"log\": true}}, \"maxTrials\": 2, \"maxRetries\": 0,"
                + " \"executor\": {\"kind\": \"djl\", \"model\": \"calo.vae\", \"geometry\":"
                + " \"small\", \"epochs\": 2, \"showers\": 400}}");
    assertEquals(201, a.status(), a.body());
    String id = a.json().get("id").asText();
    assertTrue(m.server.simulatedAgent().awaitIdle(Duration.ofSeconds(120)), "agent never idle");
    JsonNode list = trials(id);
    assertEquals(2, list.get("total").asInt(), list.toString());
    for (JsonNode t : list.get("trials")) {
      assertEquals("COMPLETE", t.get("state").asText(), t.toString());
      assertEquals(2, t.get("intermediate").size(), t.toString());
      assertEquals(t.at("/intermediate/2").asDouble(), t.at("/values/0").asDouble(), t.toString());
    }
  }
}
