package org.hpofarm.master.sampler.cmaes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SamplerContract;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;

class CmaEsSamplerTest implements SamplerContract {

  private static final SearchSpace FOUR =
      SearchSpace.of(
          new Parameter("x0", FloatRange.of(-5, 5)),
          new Parameter("x1", FloatRange.of(-5, 5)),
          new Parameter("x2", FloatRange.of(-5, 5)),
          new Parameter("x3", FloatRange.of(-5, 5)));

  @Override
  public Sampler sampler(long seed) {
    return new CmaEsSampler();
  }

  /** The optimum of the test functions: off centre, so that a centred start must move. */
  private static double x(Map<String, Object> p, int i) {
    return (Double) p.get("x" + i) - (1.0 + 0.5 * i);
  }

  private static double sphere(Map<String, Object> p) {
    double s = 0;
    for (int i = 0; i < 4; i++) {
      s += x(p, i) * x(p, i);
    }
    return s;
  }

  private static double ellipsoid(Map<String, Object> p) {
    double s = 0;
    for (int i = 0; i < 4; i++) {
      s += Math.pow(1000, i / 3.0) * x(p, i) * x(p, i);
    }
    return s;
  }

  private static double run(
      Sampler sampler, ToDoubleFunction<Map<String, Object>> f, int trials, int inFlight) {
    History h = History.empty(Direction.MINIMIZE);
    List<Trial> pending = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < trials; i++) {
      Map<String, Object> p = sampler.sample(FOUR, h, new TrialSeed(42, i));
      Trial t = Trial.running(i, p, "w", Instant.EPOCH);
      h = h.with(t);
      pending.add(t);
      if (pending.size() >= inFlight) {
        Trial oldest = pending.remove(0);
        double v = f.applyAsDouble(oldest.params());
        best = Math.min(best, v);
        h = h.with(oldest.complete(List.of(v), Instant.EPOCH));
      }
    }
    return best;
  }

  @Test
  void convergesOnAFourDimensionalSphere() {
    assertTrue(run(new CmaEsSampler(), CmaEsSamplerTest::sphere, 400, 1) < 1e-3);
  }

  @Test
  void convergesOnAnIllConditionedEllipsoid() {
    assertTrue(run(new CmaEsSampler(), CmaEsSamplerTest::ellipsoid, 500, 1) < 1e-3);
  }

  @Test
  void stillConvergesWithEightTrialsInFlight() {
    assertTrue(run(new CmaEsSampler(), CmaEsSamplerTest::sphere, 400, 8) < 1e-2);
  }

  @Test
  void reusingThePreviousReplayGivesTheSameStateAsAFullReplay() {
    Coordinates coords = new Coordinates(FOUR);
    Replay.Settings s = new Replay.Settings(0, 0.15, 0, true, 0.5, 1e-5, 1e-12, 4096);
    Sampler sampler = new CmaEsSampler();
    Replay.Trail trail = null;
    History h = History.empty(Direction.MINIMIZE);
    List<Trial> pending = new ArrayList<>();
    int reused = 0;
    for (int i = 0; i < 150; i++) {
      TrialSeed seed = new TrialSeed(5, i);
      Replay.WithTrail incremental = Replay.of(coords, h, seed, s, trail);
      Replay full = Replay.of(coords, h, seed, s);
      CmaState a = incremental.replay().state();
      CmaState b = full.state();
      assertEquals(full.updates(), incremental.replay().updates(), "trial " + i);
      assertEquals(b.sigma(), a.sigma(), "trial " + i);
      assertTrue(java.util.Arrays.equals(b.mean(), a.mean()), "trial " + i);
      assertTrue(java.util.Arrays.deepEquals(b.c(), a.c()), "trial " + i);
      if (trail != null && !trail.steps().isEmpty() && incremental.trail().steps().size() > 0) {
        reused += incremental.trail().steps().get(0) == trail.steps().get(0) ? 1 : 0;
      }
      trail = incremental.trail();
      Map<String, Object> p = sampler.sample(FOUR, h, seed);
      Trial t = Trial.running(i, p, "w", Instant.EPOCH);
      h = h.with(t);
      pending.add(t);
      if (pending.size() >= 8) {
        // finish a random one of the pending trials: generations complete out of order
        Trial done = pending.remove((i * 7) % pending.size());
        h = h.with(done.complete(List.of(ellipsoid(done.params())), Instant.EPOCH));
      }
    }
    assertTrue(reused > 100, "steps were reused " + reused + " times");
  }

  @Test
  void aStragglerFarBackReplaysFromTheStartWithTheSameResult() {
    Coordinates coords = new Coordinates(FOUR);
    Replay.Settings s = new Replay.Settings(0, 0.15, 0, true, 0.5, 1e-5, 1e-12, 4096);
    Sampler sampler = new CmaEsSampler();
    History h = History.empty(Direction.MINIMIZE);
    for (int i = 0; i < 300; i++) {
      Map<String, Object> p = sampler.sample(FOUR, h, new TrialSeed(6, i));
      Trial t = Trial.running(i, p, "w", Instant.EPOCH);
      h = h.with(i == 2 ? t : t.complete(List.of(sphere(p)), Instant.EPOCH));
    }
    TrialSeed next = new TrialSeed(6, 300);
    Replay.Trail trail = Replay.of(coords, h, next, s, null).trail();
    assertTrue(trail.steps().size() > Replay.KEEP_STATES + 2);
    assertEquals(null, trail.steps().get(0).state(), "old steps keep only their signature");
    Trial straggler = h.trials().get(2);
    h = h.with(straggler.complete(List.of(sphere(straggler.params())), Instant.EPOCH));
    CmaState incremental = Replay.of(coords, h, next, s, trail).replay().state();
    CmaState full = Replay.of(coords, h, next, s).state();
    assertTrue(java.util.Arrays.equals(full.mean(), incremental.mean()));
    assertEquals(full.sigma(), incremental.sigma());
  }

  @Test
  void aGenerationUpdatesOnceHalfOfItHasArrived() {
    Coordinates coords = new Coordinates(FOUR);
    Replay.Settings s = new Replay.Settings(0, 0.15, 8, true, 0.5, 1e-5, 1e-12, 4096);
    History h = History.empty(Direction.MINIMIZE);
    Sampler sampler = new CmaEsSampler();
    for (int i = 0; i < 8; i++) {
      Map<String, Object> p = sampler.sample(FOUR, h, new TrialSeed(1, i));
      Trial t = Trial.running(i, p, "w", Instant.EPOCH);
      h = h.with(i < 3 ? t.complete(List.of(sphere(p)), Instant.EPOCH) : t);
    }
    assertEquals(0, Replay.of(coords, h, new TrialSeed(1, 8), s).updates());
    Trial fourth = h.trials().get(3);
    h = h.with(fourth.complete(List.of(sphere(fourth.params())), Instant.EPOCH));
    Replay r = Replay.of(coords, h, new TrialSeed(1, 8), s);
    assertEquals(1, r.updates());
    assertEquals(8, r.generationStart());
    // a trial of the first generation never sees that generation's own results
    assertEquals(0, Replay.of(coords, h, new TrialSeed(1, 7), s).updates());
  }

  @Test
  void restartsWithTwiceThePopulationWhenTheLossStopsChanging() {
    Coordinates coords = new Coordinates(FOUR);
    Replay.Settings s = new Replay.Settings(0, 0.15, 0, true, 0.5, 1e-5, 1e-12, 4096);
    Sampler sampler = new CmaEsSampler();
    History h = History.empty(Direction.MINIMIZE);
    for (int i = 0; i < 200; i++) {
      Map<String, Object> p = sampler.sample(FOUR, h, new TrialSeed(3, i));
      h = h.with(Trial.running(i, p, "w", Instant.EPOCH).complete(List.of(1.0), Instant.EPOCH));
    }
    Replay r = Replay.of(coords, h, new TrialSeed(3, 200), s);
    assertTrue(r.restarts() >= 1);
    assertEquals(CmaParameters.defaultLambda(4) << r.restarts(), r.lambda());
  }

  @Test
  void maximisesWhenTheStudyMaximises() {
    SearchSpace line = SearchSpace.of(new Parameter("x", FloatRange.of(-3, 3)));
    Sampler sampler = new CmaEsSampler();
    History h = History.empty(Direction.MAXIMIZE);
    for (int i = 0; i < 120; i++) {
      Map<String, Object> p = sampler.sample(line, h, new TrialSeed(2, i));
      double x = (Double) p.get("x");
      h =
          h.with(
              Trial.running(i, p, "w", Instant.EPOCH)
                  .complete(List.of(-(x - 2) * (x - 2)), Instant.EPOCH));
    }
    double best = (Double) h.best().orElseThrow().params().get("x");
    assertEquals(2, best, 1e-3);
  }

  @Test
  void anAllCategoricalSpaceConvergesOnTheBestChoices() {
    SearchSpace space =
        SearchSpace.of(
            new Parameter("a", Categorical.of("p", "q", "r", "s")),
            new Parameter("b", Categorical.of(true, false)));
    Sampler sampler = new CmaEsSampler();
    History h = History.empty(Direction.MINIMIZE);
    int good = 0;
    for (int i = 0; i < 200; i++) {
      Map<String, Object> p = sampler.sample(space, h, new TrialSeed(4, i));
      double loss = (p.get("a").equals("r") ? 0 : 1) + (Boolean.TRUE.equals(p.get("b")) ? 0 : 1);
      if (i >= 100 && loss == 0) {
        good++;
      }
      h = h.with(Trial.running(i, p, "w", Instant.EPOCH).complete(List.of(loss), Instant.EPOCH));
    }
    // uniform choices would hit (r, true) an eighth of the time
    assertTrue(good > 30, "best combination in " + good + " of the last 100");
  }

  @Test
  void categoricalWeightsFavourTheChoiceOfGoodTrials() {
    SearchSpace space =
        SearchSpace.of(
            new Parameter("x", FloatRange.of(0, 1)),
            new Parameter("act", Categorical.of("relu", "tanh")));
    History h = History.empty(Direction.MINIMIZE);
    for (int i = 0; i < 20; i++) {
      String act = i % 2 == 0 ? "relu" : "tanh";
      double loss = (act.equals("relu") ? 0 : 1) + i * 0.01;
      h =
          h.with(
              Trial.running(i, Map.of("x", 0.5, "act", act), "w", Instant.EPOCH)
                  .complete(List.of(loss), Instant.EPOCH));
    }
    double[] w =
        new CategoricalFrequencies(0.25)
            .weights(space.get("act"), CategoricalFrequencies.ranked(h));
    assertTrue(w[0] > 3 * w[1], "relu " + w[0] + " vs tanh " + w[1]);
    assertTrue(w[1] > 0);
  }

  @Test
  void optionsAreValidatedAndTheSamplerIsRegistered() {
    assertInstanceOf(CmaEsSampler.class, Samplers.create(SamplerSpec.of("cmaes", 1)));
    assertInstanceOf(
        CmaEsSampler.class,
        Samplers.create(new SamplerSpec("cmaes", 1, Map.of("sigma0", 0.3, "popSize", 12))));
    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> CmaEsSettings.from(new Options("sampler", Map.of("sigma", 0.3))));
    assertTrue(unknown.getMessage().startsWith("sampler.sigma:"));
    var sigma =
        assertThrows(
            IllegalArgumentException.class,
            () -> CmaEsSettings.from(new Options("sampler", Map.of("sigma0", 2.0))));
    assertTrue(sigma.getMessage().startsWith("sampler.sigma0:"));
    var restarts =
        assertThrows(
            IllegalArgumentException.class,
            () -> CmaEsSettings.from(new Options("sampler", Map.of("restarts", "bipop"))));
    assertTrue(restarts.getMessage().startsWith("sampler.restarts:"));
    var pop =
        assertThrows(
            IllegalArgumentException.class,
            () -> CmaEsSettings.from(new Options("sampler", Map.of("popSize", 1))));
    assertTrue(pop.getMessage().startsWith("sampler.popSize:"));
  }

  @Test
  void mirrorReflectsIntoTheUnitInterval() {
    assertEquals(0.2, CmaState.mirror(-0.2), 1e-12);
    assertEquals(0.7, CmaState.mirror(1.3), 1e-12);
    assertEquals(0.4, CmaState.mirror(2.4), 1e-12);
    assertEquals(0.5, CmaState.mirror(Double.NaN));
  }
}
