package org.hpofarm.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial number taken and never stored goes back to the study's budget once no member can still
 * store it, and never while one can.
 */
class NumberTakeBackTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aNumberWhoseMemberLeftBeforeStoringItIsTakenBack(@TempDir Path dir) throws Exception {
    String cluster = "test-" + UUID.randomUUID();
    int[] ports = {FreePort.pick(), FreePort.pick()};
    List<String> members = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
    String db = Database.h2Url(dir.resolve("shared"));
    HazelcastStudyStore a = member(cluster, ports[0], members, db);
    try (HazelcastStudyStore b = member(cluster, ports[1], members, db)) {
      Study s = StudyStoreContract.newStudy("alice");
      assertTrue(a.createStudy(s));
      assertEquals(0, a.nextNumber(s.id(), 2));
      assertEquals(1, a.nextNumber(s.id(), 2));
      a.insert(s.id(), Trial.running(0, Map.of("x", 0.5), "w", T0));
      assertEquals(-1, b.nextNumber(s.id(), 2), "number 1 is a live member's to store");

      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!a.hazelcast().getPartitionService().isClusterSafe()) { // every entry has its backup
        assertTrue(System.nanoTime() < deadline, "the cluster never got safe");
        Thread.sleep(50);
      }
      a.hazelcast().getLifecycleService().terminate(); // a crash before storing number 1
      while (b.clusterSize() > 1) {
        assertTrue(System.nanoTime() < deadline, "the other member never left");
        Thread.sleep(50);
      }
      assertEquals(1, b.nextNumber(s.id(), 2), "taken back");
      assertEquals(-1, b.nextNumber(s.id(), 2), "and now held by the member that took it back");
      b.insert(s.id(), Trial.running(1, Map.of("x", 0.25), "w", T0));
      assertEquals(-1, b.nextNumber(s.id(), 2));
      assertEquals(2, b.trials(s.id()).size());
    } finally {
      a.close();
    }
  }

  @Test
  void aNumberWhoseTrialTheDatabaseRefusedIsTakenBack(@TempDir Path dir) throws Exception {
    try (HazelcastStudyStore store =
        member("test-" + UUID.randomUUID(), FreePort.pick(), List.of(), Database.h2Url(dir))) {
      Study s = StudyStoreContract.newStudy("alice");
      store.createStudy(s);
      int n = store.nextNumber(s.id(), 1);
      Trial tooLong = Trial.running(n, Map.of("x", "x".repeat(1_100_000)), "w", T0);
      assertThrows(StoreFailed.class, () -> store.insert(s.id(), tooLong));
      assertEquals(n, store.nextNumber(s.id(), 1), "the budget keeps its trial");
      store.insert(s.id(), Trial.running(n, Map.of("x", "short"), "w", T0));
      assertEquals(-1, store.nextNumber(s.id(), 1));
    }
  }

  private static HazelcastStudyStore member(
      String cluster, int port, List<String> members, String url) {
    return HazelcastStudyStore.start(
        new MemberSettings(cluster, "127.0.0.1", port, members), Database.open(url, null));
  }
}
