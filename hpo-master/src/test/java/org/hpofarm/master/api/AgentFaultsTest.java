package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.hpofarm.master.farm.FarmSettings;
import org.hpofarm.master.store.FreePort;
import org.hpofarm.master.store.MemberSettings;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.testing.ManualClock;
import org.hpofarm.worker.agent.Agent;
import org.hpofarm.worker.agent.AgentSettings;
import org.hpofarm.worker.agent.MasterClient;
import org.hpofarm.worker.cli.AgentCommand;
import org.hpofarm.worker.runner.TrialProcesses;
import org.hpofarm.worker.runner.TrialRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node agent survives: killed with -9 mid-trial, and its master gone for 30 s. */
class AgentFaultsTest {

  @Test
  void anAgentKilledWithSigkillLosesItsTrialAndTheNextAgentResumesItsCheckpoint(@TempDir Path dir)
      throws Exception {
    ManualClock clock = new ManualClock();
    try (MasterFixture m =
        new MasterFixture(clock, MasterFixture.loopback(), FarmSettings.defaults())) {
      String id = study(m, 20, 1);
      Path token = dir.resolve("admin.token");
      Files.writeString(token, m.adminToken);
      Path checkpoints = dir.resolve("checkpoints");
      Process agent =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  AgentCommand.class.getName(),
                  "--master",
                  m.base,
                  "--token-file",
                  token.toString(),
                  "--cpu-slots",
                  "1",
                  "--id",
                  "doomed",
                  "--poll",
                  "1",
                  "--work-dir",
                  dir.resolve("doomed").toString(),
                  "--checkpoints",
                  checkpoints.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("doomed.log").toFile())
              .start();
      String trials = "/api/v1/studies/" + id + "/trials?limit=10";
      await(
          () -> m.get(trials, m.adminToken).json().at("/trials/0/intermediate").size() >= 2,
          Duration.ofSeconds(90),
          () -> "no two epochs: " + read(dir.resolve("doomed.log")));
      List<ProcessHandle> children = agent.descendants().toList();
      assertFalse(children.isEmpty(), "the training runs in a child JVM");
      agent.destroyForcibly(); // SIGKILL: the agent tells nothing
      agent.waitFor(10, TimeUnit.SECONDS);
      await(
          () -> children.stream().noneMatch(ProcessHandle::isAlive),
          Duration.ofSeconds(5),
          () -> "an orphaned training outlived its agent");
      int reached = m.get(trials, m.adminToken).json().at("/trials/0/intermediate").size();
      assertTrue(reached < 20, "killed mid-training");
      clock.advance(Duration.ofMinutes(10)); // past the trial's lease
      assertEquals(1, m.server.service().leases().expire());
      JsonNode lost = m.get(trials, m.adminToken).json().at("/trials/0");
      assertEquals("lost", lost.get("error").asText(), lost.toString());
      try (MasterClient client = new MasterClient(URI.create(m.base), m.adminToken);
          Agent next =
              Agent.start(
                  new AgentSettings(
                      "next", Inventory.cpu("next", 1, 0), 1, Duration.ofMillis(200), false, null),
                  client,
                  TrialRunners.standard(checkpoints, TrialProcesses.none()))) {
        assertTrue(next.awaitIdle(Duration.ofSeconds(90)), "the next agent never idle");
      }
      JsonNode retry = m.get(trials, m.adminToken).json().at("/trials/1");
      assertEquals("COMPLETE", retry.get("state").asText(), retry.toString());
      assertEquals(1, retry.get("attempt").asInt());
      assertEquals(0, retry.get("resumes").asInt());
      List<Integer> steps = new ArrayList<>();
      retry.get("intermediate").fieldNames().forEachRemaining(k -> steps.add(Integer.parseInt(k)));
      assertFalse(steps.isEmpty(), "the next try trained: " + retry);
      assertTrue(steps.get(0) > reached, "resumed after epoch " + reached + ": " + steps);
      assertTrue(steps.get(0) < 20, "the orphan did not finish the training: " + steps);
      assertEquals(20, steps.getLast(), steps.toString());
    }
  }

  @Test
  void aMasterGoneForThirtySecondsLosesNoResultAndTheAgentReconnects(@TempDir Path dir)
      throws Exception {
    int port = FreePort.pick();
    int member = FreePort.pick();
    MasterSettings settings =
        new MasterSettings(
            dir.resolve("data"),
            null,
            MemberSettings.loopback("restart-" + port, member),
            new ApiSettings("127.0.0.1", port, 64 * 1024, 1000, 400),
            4,
            FarmSettings.defaults());
    MasterServer first = MasterServer.start(settings, InstantSource.system());
    String base = "http://127.0.0.1:" + port;
    String admin = Files.readString(first.adminTokenFile()).strip();
    String id =
        first
            .service()
            .create(
                "admin",
                org.hpofarm.master.study.StudySpec.fromJson(
                    MasterFixture.JSON.readTree(
                        "{\"name\": \"slow\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0,"
                            + " \"high\": 1}}, \"maxTrials\": 2, \"executor\": {\"kind\":"
                            + " \"command\", \"command\": \"sleep 3; echo 0.25\"}}")))
            .id();
    try (MasterClient client = new MasterClient(URI.create(base), admin);
        Agent agent =
            Agent.start(
                new AgentSettings(
                    "patient",
                    Inventory.cpu("patient", 1, 0),
                    1,
                    Duration.ofMillis(500),
                    false,
                    dir.resolve("agent")),
                client,
                TrialRunners.standard(null, TrialProcesses.none()))) {
      await(() -> agent.running().size() == 1, Duration.ofSeconds(30), () -> "no trial started");
      first.close(); // the master goes away while the trial runs
      Thread.sleep(30_000);
      assertTrue(
          Files.list(dir.resolve("agent/pending")).findAny().isPresent(),
          "the result waits on disk");
      try (MasterServer second = MasterServer.start(settings, InstantSource.system())) {
        assertTrue(agent.awaitIdle(Duration.ofSeconds(90)), "the agent never came back");
        var trials = second.service().trials(id, null, 0, 10).items();
        assertEquals(2, trials.size(), trials.toString());
        for (var t : trials) {
          assertEquals("COMPLETE", t.state().name(), t.toString());
          assertEquals(List.of(0.25), t.values());
        }
      }
    }
  }

  private static String study(MasterFixture m, int epochs, int retries) {
    var created =
        m.post(
            "/api/v1/studies",
            m.adminToken,
            "{\"name\": \"calo\", \"space\": {\"lr\": {\"type\": \"float\", \"low\": 1e-3,"
                + " \"high\": 1e-2, \"log\": true}}, \"maxTrials\": 1, \"maxRetries\": "
                + retries
                + ", \"executor\": {\"kind\": \"djl\", \"geometry\": \"small\", \"epochs\": "
                + epochs
                + ", \"showers\": 3000}}");
    assertEquals(201, created.status(), created.body());
    return created.json().get("id").asText();
  }

  private static void await(
      BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> why)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, why);
      Thread.sleep(100);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(" + e + ")";
    }
  }
}
