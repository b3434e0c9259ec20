package org.hpofarm.master.pruner;

import static org.hpofarm.master.pruner.AshaPrunerTest.flat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Test;

class HyperbandPrunerTest implements PrunerContract {

  @Override
  public Pruner pruner(Direction direction) {
    return new HyperbandPruner(1, 0, 3, 0); // maxSteps auto
  }

  @Override
  public int firstPrunableStep() {
    return 1;
  }

  @Test
  void bracketsAndBudgetsFollowHyperband() {
    assertEquals(4, HyperbandPruner.brackets(1, 27, 3));
    assertEquals(4, HyperbandPruner.brackets(1, 28, 3));
    assertEquals(3, HyperbandPruner.brackets(1, 26, 3));
    assertEquals(1, HyperbandPruner.brackets(5, 5, 3));
    // eta = 3, 4 brackets: ceil(4 * 27 / 4), ceil(4 * 9 / 3), ceil(4 * 3 / 2), ceil(4 * 1 / 1)
    assertEquals(27, HyperbandPruner.budget(0, 4, 3));
    assertEquals(12, HyperbandPruner.budget(1, 4, 3));
    assertEquals(6, HyperbandPruner.budget(2, 4, 3));
    assertEquals(4, HyperbandPruner.budget(3, 4, 3));
  }

  @Test
  void trialsAreSpreadOverBracketsByBudget() {
    int[] counts = new int[4];
    int n = 49_000;
    for (int i = 0; i < n; i++) {
      counts[HyperbandPruner.bracketOf(i, 4, 3)]++;
    }
    int[] budgets = {27, 12, 6, 4};
    for (int b = 0; b < 4; b++) {
      double expected = n * budgets[b] / 49.0;
      assertEquals(expected, counts[b], 0.05 * expected, "bracket " + b);
    }
  }

  @Test
  void comparesATrialOnlyWithItsOwnBracket() {
    Pruner hb = new HyperbandPruner(1, 27, 3, 0);
    int me = firstInBracket(0, 100);
    // peers with excellent values, all in other brackets: they do not count
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (i != me && HyperbandPruner.bracketOf(i, 4, 3) != 0) {
        trials.add(flat(i, TrialState.COMPLETE, 0.0, 27));
      }
    }
    History others = new History(List.of(Direction.MINIMIZE), trials);
    assertFalse(hb.decide(flat(me, TrialState.RUNNING, 5.0, 1), others).prune());
    // one excellent peer in the same bracket prunes it at bracket 0's first rung, step 1
    int peer = firstInBracket(0, me + 1);
    History same = others.with(flat(peer, TrialState.COMPLETE, 0.0, 27));
    PruneDecision d = hb.decide(flat(me, TrialState.RUNNING, 5.0, 1), same);
    assertTrue(d.prune());
    assertTrue(d.reason().startsWith("bracket 0 of 4, rung 0 (step 1)"), d.reason());
  }

  @Test
  void laterBracketsStartPruningLater() {
    Pruner hb = new HyperbandPruner(1, 27, 3, 0);
    for (int bracket = 0; bracket < 4; bracket++) {
      int me = firstInBracket(bracket, 0);
      List<Trial> trials = new ArrayList<>();
      for (int i = 0, found = 0; found < 10; i++) {
        if (i != me && HyperbandPruner.bracketOf(i, 4, 3) == bracket) {
          trials.add(flat(i, TrialState.COMPLETE, 0.0, 27));
          found++;
        }
      }
      History h = new History(List.of(Direction.MINIMIZE), trials);
      int firstRung = (int) Math.pow(3, bracket);
      for (int step = 0; step < firstRung; step++) {
        assertFalse(hb.decide(flat(me, TrialState.RUNNING, 5.0, step), h).prune());
      }
      assertTrue(hb.decide(flat(me, TrialState.RUNNING, 5.0, firstRung), h).prune());
    }
  }

  @Test
  void autoMaxStepsWaitsForTheFirstCompletedTrial() {
    Pruner hb = new HyperbandPruner(1, 0, 3, 0);
    History none =
        new History(List.of(Direction.MINIMIZE), List.of(flat(0, TrialState.RUNNING, 0.0, 8)));
    PruneDecision d = hb.decide(flat(1, TrialState.RUNNING, 5.0, 1), none);
    assertFalse(d.prune());
    assertTrue(d.reason().contains("auto"), d.reason());
    // a first trial of 9 steps (0..8): max 9, so 3 brackets (1, 3, 9)
    History one =
        new History(List.of(Direction.MINIMIZE), List.of(flat(0, TrialState.COMPLETE, 0.0, 8)));
    int me = 1;
    while (HyperbandPruner.bracketOf(me, 3, 3) != HyperbandPruner.bracketOf(0, 3, 3)) {
      me++;
    }
    assertTrue(hb.decide(flat(me, TrialState.RUNNING, 5.0, 9), one).reason().contains(" of 3"));
  }

  private static int firstInBracket(int bracket, int from) {
    int i = from;
    while (HyperbandPruner.bracketOf(i, 4, 3) != bracket) {
      i++;
    }
    return i;
  }
}
