package org.hpofarm.master.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.SamplerContract;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;

/** Proposals stay valid whatever the history holds: every state, odd values, odd spaces. */
class TpeRobustnessTest {

  private static final SearchSpace ODD =
      SearchSpace.of(
          new Parameter("fixed", FloatRange.of(2, 2)),
          new Parameter("one", Categorical.of("only")),
          new Parameter("flag", Categorical.of(true, false)),
          new Parameter("x", FloatRange.of(-1, 1), Map.of("flag", List.of(true))),
          new Parameter("k", Categorical.of(1, 2, 3), Map.of("flag", List.of(false))));

  @Property(tries = 40)
  void proposalsAreValidForAnyMixOfTrialStates(
      @ForAll @IntRange(min = 0, max = 60) int trials,
      @ForAll long seed,
      @ForAll boolean maximise,
      @ForAll boolean multivariate,
      @ForAll boolean twoObjectives,
      @ForAll boolean oddSpace) {
    SearchSpace space = oddSpace ? ODD : SamplerContract.MIXED;
    SplittableRandom rng = new SplittableRandom(seed);
    Direction dir = maximise ? Direction.MAXIMIZE : Direction.MINIMIZE;
    List<Direction> dirs = twoObjectives ? List.of(dir, Direction.MINIMIZE) : List.of(dir);
    TpeSettings d = TpeSettings.DEFAULTS;
    TpeSampler sampler =
        new TpeSampler(
            new TpeSettings(
                rng.nextInt(0, 12),
                d.nCandidates(),
                d.gamma(),
                d.maxGood(),
                multivariate,
                rng.nextBoolean(),
                d.priorWeight(),
                rng.nextInt(1, 50)));
    List<Trial> history = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      Map<String, Object> p =
          sampler.sample(space, new History(dirs, history), new TrialSeed(seed, i));
      SamplerContract.assertValid(space, p);
      Trial t = Trial.running(i, p, "w", Instant.EPOCH);
      double v =
          switch (rng.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            default -> SamplerContract.objective(space, p);
          };
      t =
          switch (rng.nextInt(6)) {
            case 0 -> t;
            case 1 -> t.report(1, v).prune(Instant.EPOCH);
            case 2 -> t.fail("boom", Instant.EPOCH);
            default ->
                t.complete(
                    twoObjectives ? List.of(v, rng.nextDouble()) : List.of(v), Instant.EPOCH);
          };
      history.add(t);
    }
    assertEquals(trials, history.size());
  }
}
