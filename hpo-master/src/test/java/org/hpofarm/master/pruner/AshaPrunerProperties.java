package org.hpofarm.master.pruner;

import static org.hpofarm.master.pruner.AshaPrunerTest.flat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.Trial;

class AshaPrunerProperties {

  /**
   * Trials reach a rung one after the other: each goes on exactly when fewer than max(1, n / rf) of
   * the n trials at the rung (itself included) are strictly better; so the best so far always goes
   * on, and at least one of every rung does.
   */
  @Property(tries = 300)
  void aTrialGoesOnExactlyWhenItIsInTheTopShareOfItsRung(
      @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = -1, max = 1) Double> values,
      @ForAll @IntRange(min = 2, max = 5) int rf,
      @ForAll @IntRange(min = 1, max = 4) int minSteps,
      @ForAll boolean maximize) {
    Direction d = maximize ? Direction.MAXIMIZE : Direction.MINIMIZE;
    Pruner asha = new AshaPruner(minSteps, rf, 0, 0);
    History h = History.empty(d);
    List<Double> atRung = new ArrayList<>();
    int goneOn = 0;
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      Trial t = flat(i, org.hpofarm.master.trial.TrialState.RUNNING, v, minSteps);
      boolean prune = asha.decide(t, h).prune();
      atRung.add(v);
      long better = atRung.stream().filter(o -> d.sign() * o < d.sign() * v).count();
      boolean expected = better >= Math.max(1, atRung.size() / rf);
      if (prune != expected) {
        throw new AssertionError("trial " + i + " at " + v + " among " + atRung + ": " + prune);
      }
      if (better == 0 && prune) {
        throw new AssertionError("the best so far was pruned");
      }
      goneOn += prune ? 0 : 1;
      h = h.with(prune ? t.prune(Instant.EPOCH) : t);
    }
    Assume.that(!values.isEmpty());
    if (goneOn < 1) {
      throw new AssertionError("nobody went on");
    }
  }

  /** Mirroring the values and the direction never changes a decision. */
  @Property(tries = 200)
  void decisionsAreSymmetricUnderMirroring(
      @ForAll @IntRange(min = 0, max = 100_000) int seed,
      @ForAll @IntRange(min = 2, max = 4) int rf,
      @ForAll @IntRange(min = 1, max = 3) int minSteps) {
    for (Pruner p :
        List.of(
            new AshaPruner(minSteps, rf, 0, 0),
            new HyperbandPruner(minSteps, 27, rf, 0),
            PercentilePruner.median())) {
      History h = PrunerContract.scenario(seed, Direction.MINIMIZE);
      History m = PrunerContract.mirror(h);
      for (Trial t : h.trials()) {
        if (t.state() == org.hpofarm.master.trial.TrialState.RUNNING) {
          boolean a = p.decide(t, h).prune();
          boolean b = p.decide(PrunerContract.mirror(t), m).prune();
          if (a != b) {
            throw new AssertionError("seed " + seed + " trial " + t.number());
          }
        }
      }
    }
  }
}
