package org.hpofarm.master.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.IntRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;

class GridSamplerTest implements SamplerContract {

  /** 3 choices x 4 integers x 3 floats = 36 points. */
  private static final SearchSpace SMALL =
      SearchSpace.of(
          new Parameter("act", Categorical.of("relu", "gelu", "silu")),
          new Parameter("layers", IntRange.of(1, 4)),
          new Parameter("lr", FloatRange.logOf(1e-4, 1e-2)));

  @Override
  public Sampler sampler(long seed) {
    return new GridSampler(10);
  }

  @Test
  void visitsEveryPointOfASmallSpaceExactlyOnceBeforeRepeating() {
    GridSampler grid = new GridSampler(4, Map.of("lr", 3));
    History h = SamplerContract.loop(grid, SMALL, 42, 36);
    Set<Map<String, Object>> seen = new HashSet<>();
    for (Trial t : h.trials()) {
      assertTrue(seen.add(t.params()), "repeated " + t.params());
    }
    assertEquals(expectedProduct(), seen);
    // exhausted: the next proposals are random points of the space, off the grid
    Map<String, Object> next = grid.sample(SMALL, h, new TrialSeed(42, 36));
    SamplerContract.assertValid(SMALL, next);
    double lr = (Double) next.get("lr");
    assertFalse(lr == 1e-4 || lr == 1e-3 || lr == 1e-2, "random lr expected, got " + lr);
  }

  @Test
  void simultaneousAsksTakeDistinctPointsUntilTheGridIsFull() {
    GridSampler grid = new GridSampler(4, Map.of("lr", 3));
    History h = History.empty(Direction.MINIMIZE);
    Set<Map<String, Object>> seen = new HashSet<>();
    for (int i = 0; i < 36; i++) {
      Map<String, Object> p = grid.sample(SMALL, h, new TrialSeed(5, i));
      assertTrue(seen.add(p), "pending point proposed again: " + p);
      h = h.with(Trial.running(i, p, "w" + i, Instant.EPOCH));
    }
    assertEquals(expectedProduct(), seen);
  }

  @Test
  void theOrderIsShuffledByTheStudySeed() {
    List<Map<String, Object>> a = firstProposals(1);
    List<Map<String, Object>> b = firstProposals(2);
    assertEquals(a, firstProposals(1));
    assertNotEquals(a, b);
    // not the lexicographic order either: consecutive points differ in more than one parameter
    int multi = 0;
    for (int i = 1; i < a.size(); i++) {
      int diff = 0;
      for (String k : a.get(i).keySet()) {
        diff += a.get(i).get(k).equals(a.get(i - 1).get(k)) ? 0 : 1;
      }
      multi += diff > 1 ? 1 : 0;
    }
    assertTrue(multi > a.size() / 3, "order looks sequential: " + a);
  }

  @Test
  void gridsAConditionalSpaceBranchByBranch() {
    GridSampler grid = new GridSampler(3);
    // vae: model x 3 x-values x 3 betas = 9; gan: 3 x-values x 3 critics = 9
    Grid g = grid.grid(CONDITIONAL);
    assertEquals(18, g.size());
    History h = SamplerContract.loop(grid, CONDITIONAL, 8, 18);
    Set<Map<String, Object>> seen = new HashSet<>();
    for (Trial t : h.trials()) {
      assertTrue(seen.add(t.params()), "repeated " + t.params());
      SamplerContract.assertValid(CONDITIONAL, t.params());
    }
    assertEquals(9, seen.stream().filter(p -> p.get("model").equals("vae")).count());
    assertEquals(
        Set.of(1L, 3L, 5L),
        new HashSet<>(seen.stream().map(p -> p.get("critic")).filter(c -> c != null).toList()));
  }

  @Test
  void aNumericParentKeepsTheValuesItsChildrenDependOn() {
    SearchSpace space =
        SearchSpace.of(
            new Parameter("layers", IntRange.of(1, 100)),
            new Parameter("deep", Categorical.of(true, false), Map.of("layers", List.of(7L))));
    Grid g = new GridSampler(3).grid(space);
    assertTrue(g.axis("layers").contains(7L), g.axis("layers").toString());
    assertEquals(3 + 2, g.size()); // layers 1, 51, 100 alone, 7 with deep true or false
  }

  @Test
  void axesKeepDiscreteValuesAndSpreadContinuousOnes() {
    assertEquals(List.of(1L, 2L, 3L, 4L), Grid.axis(IntRange.of(1, 4), 10));
    assertEquals(List.of(0L, 5L, 10L), Grid.axis(IntRange.of(0, 10), 3));
    assertEquals(List.of(1L, 3L, 4L), Grid.axis(IntRange.of(1, 4), 3));
    assertEquals(List.of(1L, 10L, 100L), Grid.axis(new IntRange(1, 100, true, 1), 3));
    assertEquals(List.of(0.0, 0.25, 0.5), Grid.axis(new FloatRange(0, 0.5, false, 0.05), 3));
    assertEquals(List.of(0.0, 0.25, 0.5), Grid.axis(new FloatRange(0, 0.5, false, 0.25), 10));
    assertEquals(List.of(0.0, 0.5, 1.0), Grid.axis(FloatRange.of(0, 1), 3));
    List<Object> log = Grid.axis(FloatRange.logOf(1, 100), 3);
    assertEquals(1.0, (Double) log.get(0), 1e-12);
    assertEquals(10.0, (Double) log.get(1), 1e-9);
    assertEquals(100.0, (Double) log.get(2), 1e-9);
    assertEquals(List.of(0.5), Grid.axis(FloatRange.of(0, 1), 1));
    assertEquals(List.of(2.0), Grid.axis(FloatRange.of(2, 2), 5));
    assertEquals(List.of("a", "b"), Grid.axis(Categorical.of("a", "b"), 1));
  }

  @Test
  void aGridTooLargeToNumberStillProposesGridPoints() {
    List<Parameter> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(new Parameter("p" + i, FloatRange.of(0, 1)));
    }
    SearchSpace big = new SearchSpace(many);
    GridSampler grid = new GridSampler(10);
    assertFalse(grid.grid(big).isEnumerable());
    Map<String, Object> p =
        grid.sample(big, History.empty(Direction.MINIMIZE), new TrialSeed(1, 0));
    for (Object v : p.values()) {
      double x = (Double) v;
      assertEquals(Math.round(x * 9) / 9.0, x, 1e-12, "not on the grid: " + x);
    }
  }

  @Test
  void pointsPerParameterAndValidatedOptions() {
    Sampler s =
        Samplers.create(new SamplerSpec("grid", 1, Map.of("points", Map.of("lr", 5, "*", 2))));
    History h = SamplerContract.loop(s, SMALL, 1, 3 * 2 * 5);
    assertEquals(30, h.trials().stream().map(Trial::params).distinct().count());
    assertThrows(
        IllegalArgumentException.class,
        () -> Samplers.create(new SamplerSpec("grid", 1, Map.of("points", 0))));
    var bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Samplers.create(new SamplerSpec("grid", 1, Map.of("points", Map.of("nope", 3))))
                    .sample(SMALL, History.empty(Direction.MINIMIZE), new TrialSeed(1, 0)));
    assertTrue(bad.getMessage().startsWith("sampler.points.nope:"), bad.getMessage());
    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samplers.create(new SamplerSpec("grid", 1, Map.of("resolution", 3))));
    assertTrue(unknown.getMessage().startsWith("sampler.resolution:"), unknown.getMessage());
  }

  @Test
  void permutationsAreBijections() {
    for (long n : new long[] {1, 2, 3, 5, 16, 17, 1000}) {
      IndexPermutation perm = new IndexPermutation(n, n * 31);
      Set<Long> seen = new HashSet<>();
      for (long k = 0; k < n; k++) {
        long v = perm.apply(k);
        assertTrue(v >= 0 && v < n);
        seen.add(v);
      }
      assertEquals(n, seen.size());
    }
  }

  private static List<Map<String, Object>> firstProposals(long seed) {
    return SamplerContract.loop(new GridSampler(3), SMALL, seed, 12).trials().stream()
        .map(Trial::params)
        .toList();
  }

  private static Set<Map<String, Object>> expectedProduct() {
    Set<Map<String, Object>> all = new HashSet<>();
    for (Object act : List.of("relu", "gelu", "silu")) {
      for (long layers = 1; layers <= 4; layers++) {
        for (Object lr : Grid.axis(FloatRange.logOf(1e-4, 1e-2), 3)) {
          all.add(Map.of("act", act, "layers", layers, "lr", lr));
        }
      }
    }
    return all;
  }
}
