package org.hpofarm.master.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.RandomSampler;
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

class TpeSamplerTest implements SamplerContract {

  @Override
  public Sampler sampler(long seed) {
    return new TpeSampler();
  }

  private static final SearchSpace LINE = SearchSpace.of(new Parameter("x", FloatRange.of(-1, 1)));

  private static History run(
      Sampler sampler,
      SearchSpace space,
      long seed,
      int n,
      ToDoubleFunction<Map<String, Object>> f) {
    History h = History.empty(Direction.MINIMIZE);
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = sampler.sample(space, h, new TrialSeed(seed, i));
      h =
          h.with(
              Trial.running(i, p, "w", Instant.EPOCH)
                  .complete(List.of(f.applyAsDouble(p)), Instant.EPOCH));
    }
    return h;
  }

  private static double bestLoss(History h) {
    return h.loss(h.best().orElseThrow());
  }

  @Test
  void isRegisteredAndValidatesItsOptions() {
    assertInstanceOf(TpeSampler.class, Samplers.create(SamplerSpec.of("tpe", 1)));
    TpeSampler s =
        (TpeSampler)
            Samplers.create(
                new SamplerSpec(
                    "tpe", 1, Map.of("nStartup", 5, "gamma", 0.2, "multivariate", false)));
    assertEquals(5, s.settings().nStartup());
    assertEquals(0.2, s.settings().gamma());
    assertEquals(false, s.settings().multivariate());
    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samplers.create(new SamplerSpec("tpe", 1, Map.of("nStartups", 5))));
    assertTrue(unknown.getMessage().startsWith("sampler.nStartups"), unknown.getMessage());
    var range =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samplers.create(new SamplerSpec("tpe", 1, Map.of("gamma", 1.5))));
    assertTrue(range.getMessage().startsWith("sampler.gamma"), range.getMessage());
    var type =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samplers.create(new SamplerSpec("tpe", 1, Map.of("nCandidates", "many"))));
    assertTrue(type.getMessage().startsWith("sampler.nCandidates"), type.getMessage());
  }

  @Test
  void concentratesNearTheOptimumOfAQuadraticBetterThanRandom() {
    ToDoubleFunction<Map<String, Object>> f = p -> Math.pow((Double) p.get("x") - 0.37, 2);
    int tpeWins = 0;
    for (long seed = 0; seed < 10; seed++) {
      History tpe = run(new TpeSampler(), LINE, seed, 40, f);
      History random = run(new RandomSampler(), LINE, seed, 40, f);
      // The last 20 proposals of TPE cluster around 0.37; random ones spread over [-1, 1].
      double tpeSpread = meanDistance(tpe, 20);
      double randomSpread = meanDistance(random, 20);
      assertTrue(
          tpeSpread < randomSpread, "seed " + seed + ": " + tpeSpread + " vs " + randomSpread);
      tpeWins += bestLoss(tpe) < bestLoss(random) ? 1 : 0;
    }
    assertTrue(tpeWins >= 8, "TPE found the better point in only " + tpeWins + " of 10 seeds");
  }

  private static double meanDistance(History h, int last) {
    List<Trial> ts = h.trials();
    double s = 0;
    for (Trial t : ts.subList(ts.size() - last, ts.size())) {
      s += Math.abs((Double) t.params().get("x") - 0.37);
    }
    return s / last;
  }

  @Test
  void favoursTheBestCategoricalChoice() {
    SearchSpace space =
        SearchSpace.of(
            new Parameter("act", Categorical.of("relu", "tanh", "gelu", "elu")),
            new Parameter("x", FloatRange.of(0, 1)));
    Map<Object, Double> penalty = Map.of("relu", 1.0, "tanh", 0.0, "gelu", 0.6, "elu", 1.5);
    for (boolean multivariate : new boolean[] {true, false}) {
      TpeSampler s = new TpeSampler(withMultivariate(multivariate));
      History h = run(s, space, 3, 60, p -> penalty.get(p.get("act")) + (Double) p.get("x"));
      long tanh =
          h.trials().subList(30, 60).stream()
              .filter(t -> "tanh".equals(t.params().get("act")))
              .count();
      assertTrue(tanh >= 18, "multivariate=" + multivariate + ": tanh in " + tanh + " of 30");
    }
  }

  @Test
  void modelsConditionalParametersFromTheTrialsWhereTheyAreActive() {
    SearchSpace space =
        SearchSpace.of(
            new Parameter("model", Categorical.of("a", "b")),
            new Parameter("xa", FloatRange.of(0, 1), Map.of("model", List.of("a"))),
            new Parameter("xb", FloatRange.of(0, 1), Map.of("model", List.of("b"))));
    // Under "a" the optimum is xa = 0.9; under "b" it is xb = 0.1 and b is better overall.
    ToDoubleFunction<Map<String, Object>> f =
        p ->
            "a".equals(p.get("model"))
                ? 1 + Math.abs((Double) p.get("xa") - 0.9)
                : Math.abs((Double) p.get("xb") - 0.1);
    History h = run(new TpeSampler(), space, 9, 80, f);
    List<Double> lateB = new ArrayList<>();
    for (Trial t : h.trials().subList(40, 80)) {
      if (t.params().containsKey("xb")) {
        lateB.add((Double) t.params().get("xb"));
      }
    }
    assertTrue(lateB.size() >= 25, "b chosen only " + lateB.size() + " of 40 times");
    double mean = lateB.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertTrue(Math.abs(mean - 0.1) < 0.15, "xb mean " + mean);
  }

  @Test
  void spreadsManySimultaneousAsksAfterTheStartup() {
    SearchSpace space =
        SearchSpace.of(
            new Parameter("x", FloatRange.of(0, 1)), new Parameter("y", FloatRange.of(0, 1)));
    ToDoubleFunction<Map<String, Object>> f =
        p -> Math.pow((Double) p.get("x") - 0.5, 2) + Math.pow((Double) p.get("y") - 0.5, 2);
    History h = run(new TpeSampler(), space, 4, 30, f);
    TpeSampler s = new TpeSampler();
    Set<Map<String, Object>> seen = new HashSet<>();
    for (int i = 0; i < 175; i++) {
      int number = 30 + i;
      Map<String, Object> p = s.sample(space, h, new TrialSeed(4, number));
      assertTrue(seen.add(p), "ask " + i + " repeats a pending point");
      h = h.with(Trial.running(number, p, "w", Instant.EPOCH));
    }
    assertEquals(175, h.pending().size());
  }

  @Test
  void pendingTrialsPushLaterAsksAwayUnderTheConstantLiar() {
    ToDoubleFunction<Map<String, Object>> f = p -> Math.abs((Double) p.get("x") - 0.37);
    History base = run(new TpeSampler(), LINE, 2, 30, f);
    double liar = spreadOfPendingBatch(new TpeSampler(), base);
    double honest = spreadOfPendingBatch(new TpeSampler(withLiar(false)), base);
    assertTrue(liar > honest, "liar spread " + liar + " vs without " + honest);
  }

  private static double spreadOfPendingBatch(TpeSampler s, History h) {
    double sum = 0;
    int count = 0;
    for (int rep = 0; rep < 5; rep++) {
      History hh = h;
      List<Double> xs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        int number = 30 + rep * 100 + i;
        Map<String, Object> p = s.sample(LINE, hh, new TrialSeed(2, number));
        xs.add((Double) p.get("x"));
        hh = hh.with(Trial.running(number, p, "w", Instant.EPOCH));
      }
      for (double a : xs) {
        for (double b : xs) {
          sum += Math.abs(a - b);
          count++;
        }
      }
    }
    return sum / count;
  }

  @Test
  void handlesSeveralObjectivesByParetoRank() {
    SearchSpace space = SearchSpace.of(new Parameter("x", FloatRange.of(0, 1)));
    // f1 = x, f2 = (x - 0.5)^2 + 1 only above 0.5: the Pareto set is x in [0, 0.5].
    History h = new History(List.of(Direction.MINIMIZE, Direction.MINIMIZE), List.of());
    TpeSampler s = new TpeSampler();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> p = s.sample(space, h, new TrialSeed(8, i));
      double x = (Double) p.get("x");
      double f2 = x <= 0.5 ? 1 - x : 1 + 10 * (x - 0.5);
      h = h.with(Trial.running(i, p, "w", Instant.EPOCH).complete(List.of(x, f2), Instant.EPOCH));
    }
    long inSet =
        h.trials().subList(30, 60).stream()
            .filter(t -> (Double) t.params().get("x") <= 0.5)
            .count();
    assertTrue(inSet >= 22, "only " + inSet + " of 30 late proposals on the Pareto set");
  }

  @Test
  void recencyWeightsRampOnlyBeyondTwentyFive() {
    assertEquals(List.of(1.0, 1.0), box(TpeSampler.recencyWeights(2)));
    double[] w = TpeSampler.recencyWeights(100);
    assertEquals(1.0 / 100, w[0], 1e-12);
    assertEquals(1.0, w[74], 1e-12);
    for (int i = 1; i < 100; i++) {
      assertTrue(w[i] >= w[i - 1]);
    }
  }

  private static List<Double> box(double[] a) {
    List<Double> out = new ArrayList<>();
    for (double v : a) {
      out.add(v);
    }
    return out;
  }

  private static TpeSettings withMultivariate(boolean m) {
    TpeSettings d = TpeSettings.DEFAULTS;
    return new TpeSettings(
        d.nStartup(),
        d.nCandidates(),
        d.gamma(),
        d.maxGood(),
        m,
        d.constantLiar(),
        d.priorWeight(),
        d.maxBad());
  }

  private static TpeSettings withLiar(boolean liar) {
    TpeSettings d = TpeSettings.DEFAULTS;
    return new TpeSettings(
        d.nStartup(),
        d.nCandidates(),
        d.gamma(),
        d.maxGood(),
        d.multivariate(),
        liar,
        d.priorWeight(),
        d.maxBad());
  }
}
