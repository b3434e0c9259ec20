package org.hpofarm.master.pruner;

import static org.hpofarm.master.pruner.PrunerContract.trial;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Test;

class ThresholdPrunerTest implements PrunerContract {

  /** A ceiling on a loss; for the mirrored (maximised) study, the matching floor. */
  @Override
  public Pruner pruner(Direction direction) {
    return direction == Direction.MINIMIZE
        ? new ThresholdPruner(Double.NEGATIVE_INFINITY, 0.6, new PruningSchedule(2, 1))
        : new ThresholdPruner(-0.6, Double.POSITIVE_INFINITY, new PruningSchedule(2, 1));
  }

  @Override
  public int firstPrunableStep() {
    return 2;
  }

  @Test
  void prunesOutsideTheBoundsWhateverTheDirection() {
    Pruner p = new ThresholdPruner(0.1, 0.9, new PruningSchedule(0, 1));
    for (Direction d : Direction.values()) {
      History h = History.empty(d);
      assertTrue(p.decide(trial(0, TrialState.RUNNING, Map.of(0, 0.05)), h).prune());
      assertTrue(p.decide(trial(0, TrialState.RUNNING, Map.of(0, 0.95)), h).prune());
      assertTrue(p.decide(trial(0, TrialState.RUNNING, Map.of(0, Double.NaN)), h).prune());
      assertFalse(p.decide(trial(0, TrialState.RUNNING, Map.of(0, 0.5)), h).prune());
      // the latest value counts
      assertFalse(p.decide(trial(0, TrialState.RUNNING, Map.of(0, 5.0, 1, 0.5)), h).prune());
    }
  }

  @Test
  void respectsTheWarmUpAndInterval() {
    Pruner p = new ThresholdPruner(Double.NEGATIVE_INFINITY, 1, new PruningSchedule(1, 2));
    History h = History.empty(Direction.MINIMIZE);
    assertFalse(p.decide(trial(0, TrialState.RUNNING, Map.of(0, 5.0)), h).prune());
    assertTrue(p.decide(trial(0, TrialState.RUNNING, Map.of(0, 5.0, 1, 5.0)), h).prune());
    assertFalse(p.decide(trial(0, TrialState.RUNNING, Map.of(0, 5.0, 1, 0.0, 2, 5.0)), h).prune());
    assertTrue(
        p.decide(trial(0, TrialState.RUNNING, Map.of(0, 5.0, 1, 0.0, 2, 0.0, 3, 5.0)), h).prune());
  }

  @Test
  void needsABoundInOrder() {
    var schedule = new PruningSchedule(0, 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> new ThresholdPruner(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, schedule));
    assertThrows(IllegalArgumentException.class, () -> new ThresholdPruner(2, 1, schedule));
  }
}
