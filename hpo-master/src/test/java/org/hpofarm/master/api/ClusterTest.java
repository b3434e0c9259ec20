package org.hpofarm.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hpofarm.master.store.Database;
import org.hpofarm.master.store.FreePort;
import org.hpofarm.master.store.MemberSettings;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.hpofarm.worker.runner.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three masters on loopback sharing one database form one cluster; every member serves the same
 * studies, and when one crashes no told result is lost and the others go on.
 */
class ClusterTest {

  private long last = System.nanoTime();

  /** How long each phase took, on stderr: cluster timings vary a lot on a loaded machine. */
  private void phase(String name) {
    long now = System.nanoTime();
    System.err.printf("ClusterTest: %s after %d ms%n", name, (now - last) / 1_000_000);
    last = now;
  }

  @Test
  void aCrashedMemberLosesNoToldResult(@TempDir Path dir) throws Exception {
    Cluster cluster = Cluster.of(dir, 3);
    List<MasterServer> masters = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        masters.add(cluster.start(i));
      }
      phase("members started");
      for (MasterServer m : masters) {
        assertEquals(3, m.store().clusterSize());
      }
      StudySpec spec =
          StudySpec.fromJson(MasterFixture.JSON.readTree(ApiTest.SPEC.replace("20", "0")));
      String study = masters.get(0).service().create("alice", spec).id();
      Map<Integer, Double> told = new HashMap<>();
      for (int i = 0; i < 30; i++) {
        MasterServer asker = masters.get(i % 3);
        MasterServer teller = masters.get((i + 1) % 3);
        Trial t = asker.service().ask(study, 1, null).get(0);
        teller.service().tell(study, t.number(), new Outcome.Values(List.of(i * 1.0)));
        told.put(t.number(), i * 1.0);
      }
      assertEquals(30, told.size(), "numbers unique across members");

      phase("told 30 trials");
      masters.remove(2).crash();

      phase("crashed one");
      for (MasterServer survivor : masters) {
        Map<Integer, Double> found = new HashMap<>();
        for (Trial t : survivor.service().trials(study, TrialState.COMPLETE, 0, 1000).items()) {
          found.put(t.number(), t.value());
        }
        assertEquals(told, found);
      }
      phase("checked survivors");
      Set<Integer> more = new HashSet<>();
      for (int i = 0; i < 10; i++) {
        MasterServer m = masters.get(i % 2);
        Trial t = m.service().ask(study, 1, null).get(0);
        m.service().tell(study, t.number(), new Outcome.Values(List.of(-1.0)));
        assertTrue(more.add(t.number()));
        assertTrue(!told.containsKey(t.number()), "a number is never handed out twice");
      }
      phase("asked on survivors");
      var http = new MasterFixture.Answer(0, "");
      String admin = Files.readString(masters.get(1).adminTokenFile()).strip();
      try (var client = java.net.http.HttpClient.newHttpClient()) {
        var r =
            client.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:"
                                + masters.get(1).port()
                                + "/api/v1/studies/"
                                + study))
                    .header("Authorization", "Bearer " + admin)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        http = new MasterFixture.Answer(r.statusCode(), r.body());
      }
      assertEquals(200, http.status(), http.body());
      JsonNode counts = http.json().get("counts");
      assertEquals(40, counts.get("COMPLETE").asInt());
      phase("checked over http");
    } finally {
      masters.forEach(MasterServer::close);
      phase("closed");
    }
  }

  @Test
  void aMemberThatJoinsLaterIsSeenByTheFirstOnesViews(@TempDir Path dir) throws Exception {
    Cluster cluster = Cluster.of(dir, 2);
    List<MasterServer> masters = new ArrayList<>();
    try {
      masters.add(cluster.start(0));
      assertEquals(1, masters.get(0).store().clusterSize());
      StudySpec spec =
          StudySpec.fromJson(MasterFixture.JSON.readTree(ApiTest.SPEC.replace("20", "0")));
      String study = masters.get(0).service().create("alice", spec).id();
      for (int i = 0; i < 5; i++) { // the lone member serves the study: its view is built
        Trial t = masters.get(0).service().ask(study, 1, null).get(0);
        masters.get(0).service().tell(study, t.number(), new Outcome.Values(List.of(1.0 * i)));
      }
      masters.add(cluster.start(1));
      assertEquals(2, masters.get(1).store().clusterSize());
      phase("second member joined");
      for (int i = 0; i < 5; i++) { // the newcomer asks and tells
        Trial t = masters.get(1).service().ask(study, 1, "w-" + i).get(0);
        masters.get(1).service().tell(study, t.number(), new Outcome.Values(List.of(10.0 + i)));
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      int seen = 0;
      while (System.nanoTime() < deadline) {
        seen = masters.get(0).service().trials(study, TrialState.COMPLETE, 0, 1000).items().size();
        if (seen == 10) {
          break;
        }
        Thread.sleep(50);
      }
      assertEquals(10, seen, "the first member's view has the newcomer's trials");
      phase("first member sees the newcomer's trials");
    } finally {
      masters.forEach(MasterServer::close);
    }
  }

  @Test
  void aTrialRunningWhenTheMemberOwningItsStudyCrashesIsLostAndAskedAgain(@TempDir Path dir)
      throws Exception {
    Cluster cluster = Cluster.of(dir, 2);
    List<MasterServer> masters = new ArrayList<>();
    try {
      masters.add(cluster.start(0));
      masters.add(cluster.start(1));
      StudySpec spec =
          StudySpec.fromJson(
              MasterFixture.JSON.readTree(
                  ApiTest.SPEC
                      .replace("\"maxTrials\": 20", "\"maxTrials\": 0, \"maxRetries\": 1")
                      .replace("\"heartbeatSeconds\": 10", "\"heartbeatSeconds\": 1")));
      String study = masters.get(0).service().create("alice", spec).id();
      // The member that sweeps the study is the owner of its entry: crash that one, so that the
      // duty has to move to the survivor.
      int owner =
          masters
                  .get(0)
                  .store()
                  .hazelcast()
                  .getPartitionService()
                  .getPartition(study)
                  .getOwner()
                  .localMember()
              ? 0
              : 1;
      MasterServer survivor = masters.get(1 - owner);
      Trial running = masters.get(owner).service().ask(study, 1, "w").get(0);
      masters.remove(owner).crash();
      phase("crashed the study's owner");
      long deadline = System.nanoTime() + 20_000_000_000L;
      Trial seen = running;
      while (System.nanoTime() < deadline && seen.state() == TrialState.RUNNING) {
        Thread.sleep(100); // the survivor's sweeper runs every second; the lease is 3 s
        seen = survivor.service().trial(study, running.number());
      }
      assertEquals(TrialState.FAILED, seen.state());
      assertEquals("lost", seen.error());
      // the sweep marks the trial lost, then enqueues its copy: wait for the copy, not a new sample
      while (System.nanoTime() < deadline
          && survivor.service().counts(study).get(TrialState.WAITING) == 0) {
        Thread.sleep(50);
      }
      Trial retry = survivor.service().ask(study, 1, "w2").get(0);
      assertEquals(running.params(), retry.params(), "its params are asked again");
      assertEquals(1, retry.attempt());
      phase("the survivor lost the trial and handed it out again");
    } finally {
      masters.forEach(MasterServer::close);
    }
  }

  @Test
  void anAgentGoesOnWithTheOtherMemberWhenItsMemberIsLost(@TempDir Path dir) throws Exception {
    Cluster cluster = Cluster.of(dir, 2);
    List<MasterServer> masters = new ArrayList<>();
    try {
      masters.add(cluster.start(0));
      masters.add(cluster.start(1));
      String token = Files.readString(masters.get(0).adminTokenFile()).strip();
      String study =
          masters
              .get(0)
              .service()
              .create(
                  "alice",
                  StudySpec.fromJson(
                      MasterFixture.JSON.readTree(
                          "{\"name\": \"c\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0,"
                              + " \"high\": 1}}, \"maxTrials\": 6, \"executor\": {\"kind\":"
                              + " \"command\", \"command\": \"sleep 1; echo 0.5\"}}")))
              .id();
      MasterServer survivor = masters.get(1);
      List<java.net.URI> members =
          masters.stream().map(m -> java.net.URI.create("http://127.0.0.1:" + m.port())).toList();
      try (var client = new org.hpofarm.worker.agent.MasterClient(members, token);
          var agent =
              org.hpofarm.worker.agent.Agent.start(
                  new org.hpofarm.worker.agent.AgentSettings(
                      "node-x",
                      org.hpofarm.mig.slice.Inventory.cpu("node-x", 1, 0),
                      1,
                      java.time.Duration.ofMillis(200),
                      false,
                      null),
                  client,
                  org.hpofarm.worker.runner.TrialRunners.standard(
                      null, org.hpofarm.worker.runner.TrialProcesses.none()))) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (survivor.service().counts(study).getOrDefault(TrialState.COMPLETE, 0) < 2) {
          assertTrue(System.nanoTime() < deadline, "two trials never completed");
          Thread.sleep(100);
        }
        masters.remove(0).crash(); // the member the agent talks to
        phase("crashed the agent's member");
        while (survivor.store().clusterSize() > 1) { // until then, what it took is its own
          assertTrue(System.nanoTime() < deadline, "the crashed member never left");
          Thread.sleep(50);
        }
        assertTrue(agent.awaitIdle(java.time.Duration.ofSeconds(90)), "the agent never idle");
      }
      var counts = survivor.service().counts(study);
      assertEquals(6, counts.getOrDefault(TrialState.COMPLETE, 0), counts.toString());
      assertEquals(0, counts.getOrDefault(TrialState.FAILED, 0), counts.toString());
      phase("every trial completed through the survivor");
    } finally {
      masters.forEach(MasterServer::close);
    }
  }

  /** A cluster on loopback: its name, its members' Hazelcast addresses and their one database. */
  private record Cluster(Path dir, String name, int[] ports, List<String> members, String db) {

    static Cluster of(Path dir, int size) {
      int[] ports = new int[size];
      List<String> members = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        ports[i] = FreePort.pick();
        members.add("127.0.0.1:" + ports[i]);
      }
      return new Cluster(
          dir,
          "cluster-" + UUID.randomUUID(),
          ports,
          members,
          Database.h2Url(dir.resolve("shared")));
    }

    /** Starts member {@code i}, with its own data directory. */
    MasterServer start(int i) throws Exception {
      return MasterServer.start(
          new MasterSettings(
              Files.createDirectories(dir.resolve("m" + i)),
              db,
              new MemberSettings(name, "127.0.0.1", ports[i], members),
              MasterFixture.loopback(),
              2),
          InstantSource.system());
    }
  }
}
