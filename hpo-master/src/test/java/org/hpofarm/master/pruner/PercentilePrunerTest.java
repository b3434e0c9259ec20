package org.hpofarm.master.pruner;

import static org.hpofarm.master.pruner.PrunerContract.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Test;

class PercentilePrunerTest implements PrunerContract {

  @Override
  public Pruner pruner(Direction direction) {
    return new PercentilePruner(50, 5, new PruningSchedule(3, 1), 1);
  }

  @Override
  public int firstPrunableStep() {
    return 3;
  }

  /** Completed trials whose value at every step 0..4 is the given one. */
  private static History completed(Direction d, double... values) {
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      TreeMap<Integer, Double> iv = new TreeMap<>();
      for (int s = 0; s < 5; s++) {
        iv.put(s, values[i]);
      }
      trials.add(trial(i, TrialState.COMPLETE, iv));
    }
    return new History(List.of(d), trials);
  }

  private static Trial running(int number, double... values) {
    TreeMap<Integer, Double> iv = new TreeMap<>();
    for (int s = 0; s < values.length; s++) {
      iv.put(s, values[s]);
    }
    return trial(number, TrialState.RUNNING, iv);
  }

  @Test
  void comparesTheBestValueSoFarWithTheMedianAtTheStep() {
    Pruner median = PercentilePruner.median();
    History h = completed(Direction.MINIMIZE, 1, 2, 3, 4, 5);
    assertTrue(median.decide(running(5, 3.5), h).prune());
    PruneDecision keep = median.decide(running(5, 3.0), h);
    assertFalse(keep.prune());
    assertTrue(
        keep.reason().contains("median 3.00000 of 5 completed trials at step 0"), keep.reason());
    // the best value so far (2.0 at step 0) counts, not the latest (9.0)
    assertFalse(median.decide(running(5, 2.0, 9.0), h).prune());
    assertTrue(median.decide(running(5, 3.1, 9.0), h).prune());
  }

  @Test
  void maximizeTakesTheMaximumAndTheUpperPercentile() {
    Pruner p25 = new PercentilePruner(25, 0, new PruningSchedule(0, 1), 1);
    History h = completed(Direction.MAXIMIZE, 1, 2, 3, 4, 5);
    // for MAXIMIZE the 25th percentile from the top is 4.0
    assertTrue(p25.decide(running(5, 3.9), h).prune());
    assertFalse(p25.decide(running(5, 4.0), h).prune());
    assertFalse(p25.decide(running(5, 1.0, 4.5), h).prune());
  }

  @Test
  void waitsForStartupTrialsAndMinTrials() {
    Pruner median = PercentilePruner.median();
    History four = completed(Direction.MINIMIZE, 1, 2, 3, 4);
    assertFalse(median.decide(running(4, 100), four).prune());
    Pruner needsSix = new PercentilePruner(50, 0, new PruningSchedule(0, 1), 6);
    History five = completed(Direction.MINIMIZE, 1, 2, 3, 4, 5);
    PruneDecision d = needsSix.decide(running(5, 100), five);
    assertFalse(d.prune());
    assertTrue(d.reason().contains("need 6"), d.reason());
    // only completed trials count: running and pruned ones are not peers
    History withOthers =
        four.with(trial(10, TrialState.PRUNED, Map.of(0, 0.0)))
            .with(trial(11, TrialState.RUNNING, Map.of(0, 0.0)));
    assertFalse(median.decide(running(12, 100), withOthers).prune());
  }

  @Test
  void decidesOncePerIntervalAfterTheWarmUp() {
    Pruner p = new PercentilePruner(50, 0, new PruningSchedule(2, 3), 1);
    History h = completed(Direction.MINIMIZE, 0, 0, 0);
    double bad = 1;
    assertFalse(p.decide(running(3, bad, bad), h).prune()); // step 1 < warm-up 2
    assertTrue(p.decide(running(3, bad, bad, bad), h).prune()); // step 2: boundary
    assertFalse(p.decide(running(3, bad, bad, bad, bad), h).prune()); // step 3: decided at 2
    // steps 5 (boundary) and later: a trial that skipped from step 2 to 6 is looked at again
    Trial skipping = trial(3, TrialState.RUNNING, Map.of(2, 0.0, 6, bad));
    History longer = h.with(trial(9, TrialState.COMPLETE, Map.of(6, 0.0)));
    assertFalse(p.decide(skipping, longer).prune()); // best so far 0.0 is fine
    Trial skippingBad = trial(3, TrialState.RUNNING, Map.of(2, bad, 6, bad));
    assertTrue(p.decide(skippingBad, longer).prune());
  }

  @Test
  void nanValues() {
    Pruner p = new PercentilePruner(50, 0, new PruningSchedule(0, 1), 1);
    History h = completed(Direction.MINIMIZE, 1, Double.NaN, 3);
    assertTrue(p.decide(running(3, Double.NaN), h).prune());
    // NaN peers are ignored: the median of {1, 3} is 2
    assertFalse(p.decide(running(3, 2.0), h).prune());
    assertTrue(p.decide(running(3, 2.1), h).prune());
  }

  @Test
  void percentilesInterpolateLinearly() {
    assertEquals(2.5, PercentilePruner.percentileOf(List.of(4.0, 1.0, 3.0, 2.0), 50), 1e-12);
    assertEquals(1.75, PercentilePruner.percentileOf(List.of(4.0, 1.0, 3.0, 2.0), 25), 1e-12);
    assertEquals(4.0, PercentilePruner.percentileOf(List.of(4.0, 1.0, 3.0, 2.0), 100), 1e-12);
    assertTrue(Double.isNaN(PercentilePruner.percentileOf(List.of(Double.NaN), 50)));
  }
}
