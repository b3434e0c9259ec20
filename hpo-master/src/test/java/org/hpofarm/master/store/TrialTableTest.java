package org.hpofarm.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;

class TrialTableTest {

  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  private static Trial running(int n, String worker) {
    return Trial.running(n, Map.of("x", n / 10.0), worker, T0);
  }

  @Test
  void indexesWaitingTrialsAndRunningTrialsByWorker() {
    TrialTable table = new TrialTable();
    Trial w = Trial.waiting(2, Map.of("x", 0.2), 0, T0);
    table.put(running(0, "a"));
    table.put(running(1, "b"));
    table.put(w);
    table.put(running(3, "a"));
    assertEquals(List.of(w), table.waiting());
    assertEquals(List.of(0, 3), table.running("a").stream().map(Trial::number).toList());

    Trial started = w.start("b", T0);
    assertTrue(table.replace(w, started));
    assertEquals(List.of(), table.waiting());
    assertEquals(List.of(1, 2), table.running("b").stream().map(Trial::number).toList());

    Trial done = table.get(0).complete(List.of(1.0), T0);
    assertTrue(table.replace(table.get(0), done));
    assertEquals(List.of(3), table.running("a").stream().map(Trial::number).toList());
    assertEquals(List.of(), table.running("nobody"));
  }

  @Test
  void replaceIsACompareAndSet() {
    TrialTable table = new TrialTable();
    Trial t = running(0, "a");
    table.put(t);
    Trial reported = t.report(1, 0.5);
    assertTrue(table.replace(t, reported));
    assertFalse(table.replace(t, t.complete(List.of(2.0), T0)));
    assertEquals(reported, table.get(0));
    assertFalse(table.replace(running(9, "a"), running(9, "b")));
  }

  @Test
  void advanceKeepsTheVersionFurtherAlong() {
    TrialTable table = new TrialTable();
    Trial t = running(0, "a");
    Trial done = t.complete(List.of(1.0), T0);
    table.advance(done, "done");
    table.advance(t, "running"); // a late event
    assertEquals(done, table.get(0));
    assertEquals("done", table.text(0));
    assertEquals("done", table.textOf(done));
    assertNull(table.textOf(t), "not the version held");
  }

  @Test
  void snapshotsSkipUnfilledNumbersAndDoNotChangeLater() {
    TrialTable table = new TrialTable();
    table.put(running(0, "a"));
    table.put(running(200, "a")); // numbers 1..199 allocated, not stored yet
    List<Trial> before = table.all();
    table.put(running(5, "a"));
    table.remove(0);
    assertEquals(List.of(0, 200), before.stream().map(Trial::number).toList());
    assertEquals(List.of(5, 200), table.all().stream().map(Trial::number).toList());
    assertNull(table.get(0));
    assertNull(table.get(10_000));
  }
}
