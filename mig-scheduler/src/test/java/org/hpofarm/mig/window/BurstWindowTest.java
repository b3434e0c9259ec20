package org.hpofarm.mig.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstWindowTest {
  private final BurstWindow weekend = BurstWindow.weekend();

  @Test
  void anOrdinaryWeekendLastsFiftyEightHours() {
    Interval w = weekend.occurrence(LocalDate.of(2026, 11, 27));
    assertEquals(Instant.parse("2026-11-27T19:00:00Z"), w.start());
    assertEquals(Instant.parse("2026-11-30T05:00:00Z"), w.end());
    assertEquals(Duration.ofHours(58), w.duration());
  }

  @Test
  void theMarchWeekendLosesAnHour() {
    Interval w = weekend.occurrence(LocalDate.of(2026, 3, 27)); // clocks go forward on Sunday 29
    assertEquals(Instant.parse("2026-03-27T19:00:00Z"), w.start()); // 20:00 CET
    assertEquals(Instant.parse("2026-03-30T04:00:00Z"), w.end()); // 06:00 CEST
    assertEquals(Duration.ofHours(57), w.duration());
  }

  @Test
  void theOctoberWeekendGainsAnHour() {
    Interval w = weekend.occurrence(LocalDate.of(2026, 10, 23)); // clocks go back on Sunday 25
    assertEquals(Instant.parse("2026-10-23T18:00:00Z"), w.start()); // 20:00 CEST
    assertEquals(Instant.parse("2026-10-26T05:00:00Z"), w.end()); // 06:00 CET
    assertEquals(Duration.ofHours(59), w.duration());
  }

  @Test
  void edgesInsideTheGapAndTheOverlapResolveOnce() {
    BurstWindow night = BurstWindow.parse("SUN 02:30", "SUN 05:00", "Europe/Rome");
    Interval march = night.occurrence(LocalDate.of(2026, 3, 29));
    assertEquals(
        Instant.parse("2026-03-29T01:30:00Z"), march.start()); // 02:30 does not exist: 03:30 CEST
    assertEquals(Duration.ofMinutes(90), march.duration());
    Interval october = night.occurrence(LocalDate.of(2026, 10, 25));
    assertEquals(Instant.parse("2026-10-25T00:30:00Z"), october.start()); // the first 02:30 (CEST)
    assertEquals(Duration.ofMinutes(210), october.duration());
  }

  @Test
  void findsTheCurrentAndNextOccurrence() {
    Instant saturday = Instant.parse("2026-03-28T12:00:00Z");
    assertEquals(
        weekend.occurrence(LocalDate.of(2026, 3, 27)), weekend.containing(saturday).orElseThrow());
    Instant tuesday = Instant.parse("2026-03-31T12:00:00Z");
    assertTrue(weekend.containing(tuesday).isEmpty());
    assertEquals(weekend.occurrence(LocalDate.of(2026, 4, 3)), weekend.next(tuesday));
    Instant mondayBeforeEnd = Instant.parse("2026-03-30T03:59:59Z");
    assertTrue(weekend.containing(mondayBeforeEnd).isPresent());
    assertFalse(weekend.containing(Instant.parse("2026-03-30T04:00:00Z")).isPresent());
  }

  @Test
  void campaignsAreFrozenOnWeekdays() {
    WeekdayFreeze freeze = new WeekdayFreeze(weekend);
    Instant wednesday = Instant.parse("2026-10-21T10:00:00Z");
    assertTrue(freeze.frozen(wednesday));
    assertEquals(Instant.parse("2026-10-23T18:00:00Z"), freeze.thawsAt(wednesday));
    Instant sunday = Instant.parse("2026-10-25T10:00:00Z");
    assertFalse(freeze.frozen(sunday));
    assertEquals(sunday, freeze.thawsAt(sunday));
  }

  @Test
  void rejectsMalformedWindows() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BurstWindow.parse("FRYDAY 20:00", "MON 06:00", null));
    assertTrue(e.getMessage().startsWith("window.start"));
    assertThrows(
        IllegalArgumentException.class, () -> BurstWindow.parse("FRI 25:00", "MON 06:00", null));
    assertThrows(
        IllegalArgumentException.class,
        () -> BurstWindow.parse("FRI 20:00", "MON 06:00", "Mars/Olympus"));
  }

  @Test
  void atTheEndTrialsFinishCheckpointOrStop() {
    Interval w = weekend.occurrence(LocalDate.of(2026, 10, 23));
    Instant now = w.end().minus(Duration.ofMinutes(30));
    WindowEndPolicy policy = new WindowEndPolicy(Duration.ofMinutes(5), Duration.ofMinutes(10));
    RunningTrial nearlyDone =
        new RunningTrial("c", 1, "MIG-a", now.minusSeconds(3600), Duration.ofMinutes(35), true);
    RunningTrial longOne =
        new RunningTrial("c", 2, "MIG-b", now.minusSeconds(3600), Duration.ofHours(3), true);
    RunningTrial unknown = new RunningTrial("c", 3, "MIG-c", now.minusSeconds(7200), null, false);
    List<WindowEndAction> actions = policy.decide(w, now, List.of(unknown, longOne, nearlyDone));
    assertEquals(
        List.of(
            WindowEndAction.Kind.CHECKPOINT_AND_STOP,
            WindowEndAction.Kind.STOP,
            WindowEndAction.Kind.LET_FINISH),
        actions.stream().map(WindowEndAction::kind).toList());
    assertEquals(w.end().minus(Duration.ofMinutes(5)), actions.get(0).at());
    assertEquals(2, actions.get(0).trial().trial());
    assertEquals(w.end(), actions.get(1).at());
  }
}
