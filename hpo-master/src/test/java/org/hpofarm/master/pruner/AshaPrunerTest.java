package org.hpofarm.master.pruner;

import static org.hpofarm.master.pruner.PrunerContract.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Test;

class AshaPrunerTest implements PrunerContract {

  @Override
  public Pruner pruner(Direction direction) {
    return new AshaPruner(2, 3, 0, 0);
  }

  @Override
  public int firstPrunableStep() {
    return 2;
  }

  /** A trial that reported {@code value} at every step 0..last. */
  static Trial flat(int number, TrialState state, double value, int last) {
    TreeMap<Integer, Double> iv = new TreeMap<>();
    for (int s = 0; s <= last; s++) {
      iv.put(s, value);
    }
    return trial(number, state, iv);
  }

  /** Trials that reached step {@code last} with these values, in arrival order. */
  static History arrivals(Direction d, int last, double... values) {
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      trials.add(flat(i, TrialState.COMPLETE, values[i], last));
    }
    return new History(List.of(d), trials);
  }

  @Test
  void judgesOnlyAtRungSteps() {
    Pruner asha = new AshaPruner(1, 3, 0, 0); // rungs at steps 1, 3, 9, 27
    History h = arrivals(Direction.MINIMIZE, 27, 0, 0, 0, 0, 0, 0);
    for (int step = 0; step <= 27; step++) {
      boolean rung = step == 1 || step == 3 || step == 9 || step == 27;
      PruneDecision d = asha.decide(flat(6, TrialState.RUNNING, 1.0, step), h);
      assertEquals(rung, d.prune(), "step " + step + ": " + d.reason());
    }
  }

  @Test
  void keepsTheTopThirdOfTheTrialsAtTheRung() {
    Pruner asha = new AshaPruner(1, 3, 0, 0);
    // 8 trials at rung 0 (step 1) with values 1..8; a 9th arrives: the best 3 of 9 go on
    History h = arrivals(Direction.MINIMIZE, 1, 1, 2, 3, 4, 5, 6, 7, 8);
    assertFalse(asha.decide(flat(8, TrialState.RUNNING, 2.5, 1), h).prune());
    assertFalse(asha.decide(flat(8, TrialState.RUNNING, 3.0, 1), h).prune()); // a tie goes on
    PruneDecision d = asha.decide(flat(8, TrialState.RUNNING, 3.5, 1), h);
    assertTrue(d.prune());
    assertEquals(
        "rung 0 (step 1): 3.50000 has 3 better of 9 trials at the rung, only the best 3 go on",
        d.reason());
    // maximize: the largest values are the best
    History max = arrivals(Direction.MAXIMIZE, 1, 1, 2, 3, 4, 5, 6, 7, 8);
    assertFalse(asha.decide(flat(8, TrialState.RUNNING, 6.5, 1), max).prune());
    assertTrue(asha.decide(flat(8, TrialState.RUNNING, 5.5, 1), max).prune());
  }

  @Test
  void theFirstTrialsAtARungAlwaysGoOn() {
    Pruner asha = new AshaPruner(1, 4, 0, 0);
    // fewer than 2 * rf trials: only the best max(1, n / rf) go on, and the first always does
    assertFalse(
        asha.decide(flat(0, TrialState.RUNNING, 100, 1), History.empty(Direction.MINIMIZE))
            .prune());
    History one = arrivals(Direction.MINIMIZE, 1, 0.0);
    assertTrue(asha.decide(flat(1, TrialState.RUNNING, 100, 1), one).prune());
    assertFalse(asha.decide(flat(1, TrialState.RUNNING, -1, 1), one).prune());
  }

  @Test
  void anAsynchronousRungCanPruneAllButTheFirstArrival() {
    // Arriving from best to worst, each newcomer is the worst so far and has at least
    // max(1, floor(n / rf)) better trials: all but the first are pruned, more than (1 - 1/rf).
    Pruner asha = new AshaPruner(1, 3, 0, 0);
    History h = History.empty(Direction.MINIMIZE);
    int pruned = 0;
    for (int i = 0; i < 12; i++) {
      Trial t = flat(i, TrialState.RUNNING, i, 1);
      boolean prune = asha.decide(t, h).prune();
      pruned += prune ? 1 : 0;
      h = h.with(prune ? t.prune(java.time.Instant.EPOCH) : t);
    }
    assertEquals(11, pruned);
  }

  @Test
  void minEarlyStoppingRateMovesTheFirstRung() {
    Pruner asha = new AshaPruner(1, 2, 2, 0); // rungs at 4, 8, 16
    History h = arrivals(Direction.MINIMIZE, 16, 0, 0, 0, 0);
    assertFalse(asha.decide(flat(4, TrialState.RUNNING, 9, 2), h).prune());
    assertFalse(asha.decide(flat(4, TrialState.RUNNING, 9, 3), h).prune());
    assertTrue(asha.decide(flat(4, TrialState.RUNNING, 9, 4), h).prune());
    assertFalse(asha.decide(flat(4, TrialState.RUNNING, 9, 5), h).prune());
  }

  @Test
  void aRungIsJudgedOnceWithTheValueAtTheFirstStepBeyondIt() {
    Pruner asha = new AshaPruner(2, 2, 0, 0); // rungs at 2, 4, 8
    // the peer skipped step 2: its value at rung 0 is the one it reported at step 3
    TreeMap<Integer, Double> skipping = new TreeMap<>();
    skipping.put(1, 9.0);
    skipping.put(3, 0.0);
    History h =
        new History(List.of(Direction.MINIMIZE), List.of(trial(0, TrialState.PRUNED, skipping)));
    assertTrue(asha.decide(flat(1, TrialState.RUNNING, 1.0, 2), h).prune());
    // a trial that jumps from step 1 to step 5 is judged at rungs 2 and 4 at once
    TreeMap<Integer, Double> jump = new TreeMap<>();
    jump.put(1, 0.0);
    jump.put(5, 1.0);
    PruneDecision d = asha.decide(trial(1, TrialState.RUNNING, jump), h);
    assertTrue(d.prune());
    assertTrue(d.reason().startsWith("rung 0 (step 2)"), d.reason());
  }

  @Test
  void bootstrapCountPrunesUntilARungHasEnoughTrials() {
    Pruner asha = new AshaPruner(1, 2, 0, 2);
    History h = arrivals(Direction.MINIMIZE, 1, 5.0);
    PruneDecision d = asha.decide(flat(1, TrialState.RUNNING, 0.0, 1), h);
    assertTrue(d.prune());
    assertTrue(d.reason().contains("bootstrapCount"), d.reason());
    History two = arrivals(Direction.MINIMIZE, 1, 5.0, 6.0);
    assertFalse(asha.decide(flat(2, TrialState.RUNNING, 0.0, 1), two).prune());
  }

  @Test
  void autoMinimumResourceWaitsForACompletedTrial() {
    Pruner asha = new AshaPruner(0, 2, 0, 0);
    History running =
        new History(List.of(Direction.MINIMIZE), List.of(flat(0, TrialState.RUNNING, 0, 500)));
    assertFalse(asha.decide(flat(1, TrialState.RUNNING, 9, 500), running).prune());
    // a completed 500-step trial makes the first rung 5
    History done = arrivals(Direction.MINIMIZE, 500, 0);
    assertFalse(asha.decide(flat(1, TrialState.RUNNING, 9, 4), done).prune());
    assertTrue(asha.decide(flat(1, TrialState.RUNNING, 9, 5), done).prune());
  }

  @Test
  void nanAtARungIsPrunedAndNanPeersIgnored() {
    Pruner asha = new AshaPruner(1, 2, 0, 0);
    History h = arrivals(Direction.MINIMIZE, 1, Double.NaN, Double.NaN);
    assertTrue(asha.decide(flat(2, TrialState.RUNNING, Double.NaN, 1), h).prune());
    assertFalse(asha.decide(flat(2, TrialState.RUNNING, 5, 1), h).prune());
  }
}
