package org.hpofarm.bench.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.hpofarm.bench.function.TestFunctions;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.RandomSampler;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Test;

class QualityHarnessTest {

  /** A random sampler that records how many trials were pending and complete at each ask. */
  static final class RecordingSampler implements Sampler {
    final List<int[]> seen = new ArrayList<>();
    final Sampler inner = new RandomSampler();

    @Override
    public Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed) {
      seen.add(new int[] {seed.number(), history.pending().size(), history.completed().size()});
      return inner.sample(space, history, seed);
    }
  }

  @Test
  void keepsParallelMinusOnePendingAtEachAskAndTellsTheOldest() {
    RecordingSampler s = new RecordingSampler();
    History h = QualityHarness.study(TestFunctions.BRANIN, s, 3, 20, 8);
    for (int[] ask : s.seen) {
      int number = ask[0];
      int pending = Math.min(number, 7);
      assertEquals(pending, ask[1], "pending at ask " + number);
      assertEquals(number - pending, ask[2], "complete at ask " + number);
    }
    assertEquals(20, h.trials().size());
    assertTrue(h.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    // told oldest first: finish times never decrease with the trial number
    for (int i = 1; i < h.trials().size(); i++) {
      assertTrue(!h.trials().get(i).finished().isBefore(h.trials().get(i - 1).finished()));
    }
  }

  @Test
  void sequentialStudySeesEveryEarlierTrialComplete() {
    RecordingSampler s = new RecordingSampler();
    QualityHarness.study(TestFunctions.HARTMANN6, s, 0, 10, 1);
    for (int[] ask : s.seen) {
      assertEquals(0, ask[1]);
      assertEquals(ask[0], ask[2]);
    }
  }

  @Test
  void trialValuesAreTheObjectiveAtTheirParams() {
    History h =
        QualityHarness.study(
            TestFunctions.LEVY_MIXED, Samplers.create(SamplerSpec.of("random", 1)), 1, 15, 4);
    for (Trial t : h.trials()) {
      assertEquals(TestFunctions.LEVY_MIXED.evaluate(t.params()), t.value());
    }
  }

  @Test
  void regretIsTheMedianOverSeedsOfBestMinusOptimum() {
    var f = TestFunctions.ROSENBROCK4;
    double[] regrets = new double[3];
    for (int seed = 0; seed < 3; seed++) {
      History h =
          QualityHarness.study(f, Samplers.create(SamplerSpec.of("random", seed)), seed, 12, 2);
      regrets[seed] = h.best().orElseThrow().value() - f.optimum();
    }
    QualityResult r = new QualityHarness(System::nanoTime).run(f, "random", 12, 3, 2);
    Quartiles q = Quartiles.of(regrets);
    assertEquals(q.median(), r.regretMedian());
    assertEquals(q.q1(), r.regretQ1());
    assertEquals(q.q3(), r.regretQ3());
    assertTrue(r.regretQ1() >= 0);
    assertEquals(
        List.of("rosenbrock4", "random", 2, 12, 3),
        List.of(r.func(), r.sampler(), r.parallel(), r.trials(), r.seeds()));
  }

  @Test
  void msPerTrialIsElapsedTimeOverTrialsAveragedOverSeeds() {
    AtomicLong clock = new AtomicLong();
    // every reading advances 5 ms: each seed's study takes 5 ms over 10 trials
    QualityHarness harness = new QualityHarness(() -> clock.addAndGet(5_000_000));
    QualityResult r = harness.run(TestFunctions.BRANIN, "random", 10, 2, 1);
    assertEquals(0.5, r.msPerTrial(), 1e-12);
  }

  @Test
  void sameSettingsGiveTheSameRegret() {
    QualityHarness harness = new QualityHarness(System::nanoTime);
    QualityResult a = harness.run(TestFunctions.ACKLEY5, "random", 10, 2, 3);
    QualityResult b = harness.run(TestFunctions.ACKLEY5, "random", 10, 2, 3);
    assertEquals(a.regretMedian(), b.regretMedian());
  }

  @Test
  void rejectsCountsBelowOne() {
    QualityHarness harness = new QualityHarness(System::nanoTime);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> harness.run(TestFunctions.BRANIN, "random", 0, 1, 1));
    assertTrue(e.getMessage().startsWith("trials:"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> harness.run(TestFunctions.BRANIN, "random", 1, 1, 0));
    assertTrue(e.getMessage().startsWith("parallel:"));
  }
}
