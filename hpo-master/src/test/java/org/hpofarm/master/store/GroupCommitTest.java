package org.hpofarm.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on a real H2 file: every caller's row is committed, failures stay their own. */
class GroupCommitTest {

  private static final List<Integer> ALL = IntStream.range(0, 800).boxed().toList();

  @Test
  void concurrentWritesAreAllCommittedAndAFailureIsOnlyItsCallers(@TempDir Path dir)
      throws Exception {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    try (Database db = Database.open(Database.h2Url(dir), null)) {
      JdbcRecords records = new JdbcRecords(db);
      records.putStudy("s", "alice", "s", "{}");
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 32; w++) {
        int writer = w;
        writers.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        start.await();
                        for (int i = 0; i < 25; i++) {
                          int n = writer * 25 + i;
                          // every 100th row breaks NOT NULL: only that caller may fail
                          records.putTrial("s", n, n % 100 == 7 ? null : "RUNNING", "{}");
                        }
                      } catch (Throwable e) {
                        failures.add(e);
                      }
                    }));
      }
      start.countDown();
      for (Thread t : writers) {
        t.join();
      }
      // writers 0, 4, ..., 28 reach a bad row (n = 7, 107, ..., 707) after 7 rows and stop
      assertEquals(8, failures.size(), failures.toString());
      failures.forEach(e -> assertTrue(e instanceof StoreFailed, e.toString()));
      assertEquals(800 - 8 * 18, records.trials("s", ALL).size());
    }
    try (Database db = Database.open(Database.h2Url(dir), null)) {
      JdbcRecords records = new JdbcRecords(db);
      assertEquals(800 - 8 * 18, records.trials("s", ALL).size(), "committed rows survive");
      assertThrows(StoreFailed.class, () -> records.putTrial("s", 1, null, "{}"));
    }
  }

  @Test
  void aClosedDatabaseRefusesWritesWithAClearError(@TempDir Path dir) throws Exception {
    Database db = Database.open(Database.h2Url(dir), null);
    JdbcRecords records = new JdbcRecords(db);
    records.putStudy("s", "alice", "s", "{}");
    db.close();
    db.close(); // twice is harmless
    StoreUnavailable e =
        assertThrows(StoreUnavailable.class, () -> records.putTrial("s", 0, "RUNNING", "{}"));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
