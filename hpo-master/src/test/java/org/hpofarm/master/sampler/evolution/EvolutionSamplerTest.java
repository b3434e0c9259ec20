package org.hpofarm.master.sampler.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.core.ParetoFront;
import org.hpofarm.master.sampler.RandomSampler;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SamplerContract;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;

class EvolutionSamplerTest implements SamplerContract {

  private static final SearchSpace FOUR =
      SearchSpace.of(
          new Parameter("x0", FloatRange.of(0, 1)),
          new Parameter("x1", FloatRange.of(0, 1)),
          new Parameter("x2", FloatRange.of(0, 1)),
          new Parameter("x3", FloatRange.of(0, 1)));

  @Override
  public Sampler sampler(long seed) {
    return new EvolutionSampler();
  }

  private static double[] xs(Map<String, Object> p) {
    double[] x = new double[4];
    for (int i = 0; i < 4; i++) {
      x[i] = (Double) p.get("x" + i);
    }
    return x;
  }

  /** ZDT1 in four dimensions: a convex front f2 = 1 - sqrt(f1) where x1..x3 = 0. */
  private static List<Double> zdt1(Map<String, Object> p) {
    double[] x = xs(p);
    double g = 1 + 9 * (x[1] + x[2] + x[3]) / 3;
    return List.of(x[0], g * (1 - Math.sqrt(x[0] / g)));
  }

  private static History run(
      Sampler sampler, Function<Map<String, Object>, List<Double>> f, int trials, Direction... d) {
    History h = History.empty(d);
    for (int i = 0; i < trials; i++) {
      Map<String, Object> p = sampler.sample(FOUR, h, new TrialSeed(9, i));
      h = h.with(Trial.running(i, p, "w", Instant.EPOCH).complete(f.apply(p), Instant.EPOCH));
    }
    return h;
  }

  /** Area dominated by the front inside the box [0, 1] x [0, 11] (2 minimised objectives). */
  private static double hypervolume(History h) {
    List<double[]> front = new ArrayList<>(ParetoFront.of(h).stream().map(h::losses).toList());
    front.sort(Comparator.comparingDouble(p -> p[0]));
    double area = 0;
    double prevY = 11;
    for (double[] p : front) {
      if (p[1] < prevY) {
        area += (1 - p[0]) * (prevY - p[1]);
        prevY = p[1];
      }
    }
    return area;
  }

  @Test
  void improvesOnASphereFarBeyondRandomSearch() {
    Function<Map<String, Object>, List<Double>> sphere =
        p -> {
          double s = 0;
          for (double v : xs(p)) {
            s += (v - 0.3) * (v - 0.3);
          }
          return List.of(s);
        };
    double evo =
        run(new EvolutionSampler(), sphere, 300, Direction.MINIMIZE).best().orElseThrow().value();
    double random =
        run(new RandomSampler(), sphere, 300, Direction.MINIMIZE).best().orElseThrow().value();
    assertTrue(evo < 1e-3, "evolution reached " + evo);
    assertTrue(evo < random / 10, "evolution " + evo + " vs random " + random);
  }

  @Test
  void findsABetterParetoFrontThanRandomSearchForTwoObjectives() {
    History evo =
        run(
            new EvolutionSampler(),
            EvolutionSamplerTest::zdt1,
            300,
            Direction.MINIMIZE,
            Direction.MINIMIZE);
    History random =
        run(
            new RandomSampler(),
            EvolutionSamplerTest::zdt1,
            300,
            Direction.MINIMIZE,
            Direction.MINIMIZE);
    // the true front's hypervolume in this box is 11 - 1/3
    double hvEvo = hypervolume(evo);
    double hvRandom = hypervolume(random);
    assertTrue(hvEvo > hvRandom, "evolution " + hvEvo + " vs random " + hvRandom);
    assertTrue(hvEvo > 10.4, "evolution front hypervolume " + hvEvo);
  }

  @Test
  void selectsWholeFrontsFirstThenTheLeastCrowded() {
    History h = History.empty(Direction.MINIMIZE, Direction.MINIMIZE);
    double[][] values = {{0, 4}, {1, 3}, {1.1, 2.9}, {4, 0}, {2, 4}, {5, 5}};
    for (int i = 0; i < values.length; i++) {
      h =
          h.with(
              Trial.running(i, Map.of("x0", 0.5), "w", Instant.EPOCH)
                  .complete(List.of(values[i][0], values[i][1]), Instant.EPOCH));
    }
    Population all = Population.select(h, 6);
    assertEquals(6, all.size());
    assertEquals(List.of(0, 0, 0, 0, 1, 2), all.members().stream().map(m -> m.rank()).toList());
    // cutting the first front to 3 drops one of the two close interior points, never an extreme
    List<Integer> three =
        Population.select(h, 3).members().stream().map(m -> m.trial().number()).sorted().toList();
    assertEquals(3, three.size());
    assertTrue(three.containsAll(List.of(0, 3)), three.toString());
    // a tournament among everyone picks a member of the first front
    Population.Member winner = all.tournament(30, new SplittableRandom(1));
    assertEquals(0, winner.rank());
  }

  @Test
  void failedPrunedAndNonFiniteTrialsAreNeverParents() {
    History h = History.empty(Direction.MINIMIZE);
    h = h.with(done(0, 1.0));
    h = h.with(done(1, Double.NaN));
    h = h.with(Trial.running(2, Map.of("x0", 0.1), "w", Instant.EPOCH).fail("x", Instant.EPOCH));
    h = h.with(Trial.running(3, Map.of("x0", 0.2), "w", Instant.EPOCH).prune(Instant.EPOCH));
    assertEquals(
        List.of(0),
        Population.select(h, 10).members().stream().map(m -> m.trial().number()).toList());
  }

  @Test
  void aChildOfTwinParentsStillDiffersFromThem() {
    Variation v = new Variation(1, 10, 0.01, 1);
    Map<String, Object> parent = Map.of("x0", 0.5, "x1", 0.5, "x2", 0.5, "x3", 0.5);
    for (int s = 0; s < 20; s++) {
      Map<String, Object> child = v.child(FOUR, parent, parent, Map.of(), new SplittableRandom(s));
      assertNotEquals(parent, child);
    }
  }

  @Test
  void optionsAreValidatedAndTheSamplerIsRegistered() {
    assertInstanceOf(EvolutionSampler.class, Samplers.create(SamplerSpec.of("evolution", 1)));
    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> EvolutionSettings.from(new Options("sampler", Map.of("population", 10))));
    assertTrue(unknown.getMessage().startsWith("sampler.population:"));
    var pop =
        assertThrows(
            IllegalArgumentException.class,
            () -> EvolutionSettings.from(new Options("sampler", Map.of("popSize", 1))));
    assertTrue(pop.getMessage().startsWith("sampler.popSize:"));
    var prob =
        assertThrows(
            IllegalArgumentException.class,
            () -> EvolutionSettings.from(new Options("sampler", Map.of("crossoverProb", 1.5))));
    assertTrue(prob.getMessage().startsWith("sampler.crossoverProb:"));
  }

  private static Trial done(int number, double value) {
    return Trial.running(number, Map.of("x0", 0.5), "w", Instant.EPOCH)
        .complete(List.of(value), Instant.EPOCH);
  }
}
