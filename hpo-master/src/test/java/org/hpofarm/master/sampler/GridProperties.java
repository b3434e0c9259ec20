package org.hpofarm.master.sampler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.hpofarm.master.core.History;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Distribution;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;

class GridProperties {

  @Property(tries = 200)
  void aPermutationVisitsEveryIndexOnce(
      @ForAll @LongRange(min = 1, max = 3000) long n, @ForAll long seed) {
    IndexPermutation p = new IndexPermutation(n, seed);
    Set<Long> seen = new HashSet<>();
    for (long k = 0; k < n; k++) {
      long v = p.apply(k);
      if (v < 0 || v >= n || !seen.add(v)) {
        throw new AssertionError("n=" + n + " k=" + k + " -> " + v);
      }
    }
  }

  /**
   * Random small spaces, some conditional: the sampler proposes exactly the grid's points, each
   * once, every one valid for the space, before anything else.
   */
  @Property(tries = 100)
  void everyPointOfARandomSpaceIsProposedExactlyOnce(
      @ForAll @IntRange(min = 1, max = 4) int dims,
      @ForAll @IntRange(min = 1, max = 4) int points,
      @ForAll @IntRange(min = 0, max = 1_000_000) int shape,
      @ForAll long seed) {
    SearchSpace space = space(dims, shape);
    GridSampler sampler = new GridSampler(points);
    Grid grid = sampler.grid(space);
    Set<Map<String, Object>> expected = new HashSet<>();
    for (long i = 0; i < grid.size(); i++) {
      expected.add(grid.point(i));
    }
    if (expected.size() != grid.size()) {
      throw new AssertionError("grid numbers a point twice: " + space);
    }
    History h = SamplerContract.loop(sampler, space, seed, (int) grid.size());
    Set<Map<String, Object>> proposed = new HashSet<>();
    for (Trial t : h.trials()) {
      SamplerContract.assertValid(space, t.params());
      proposed.add(t.params());
    }
    if (!proposed.equals(expected)) {
      throw new AssertionError("proposed " + proposed + " expected " + expected);
    }
  }

  /** A space of {@code dims} parameters whose kinds and conditions are read off {@code shape}. */
  private static SearchSpace space(int dims, int shape) {
    List<Parameter> ps = new ArrayList<>();
    ps.add(new Parameter("c", Categorical.of("a", "b", "c")));
    for (int i = 0; i < dims; i++) {
      int kind = shape % 5;
      shape /= 5;
      Distribution d =
          switch (kind) {
            case 0 -> FloatRange.of(-1, 1);
            case 1 -> FloatRange.logOf(1e-3, 1);
            case 2 -> org.hpofarm.master.space.IntRange.of(0, 6);
            case 3 -> new org.hpofarm.master.space.IntRange(1, 64, true, 1);
            default -> new FloatRange(0, 1, false, 0.25);
          };
      boolean conditional = shape % 2 == 1;
      shape /= 2;
      ps.add(
          conditional
              ? new Parameter("p" + i, d, Map.of("c", List.of(i % 2 == 0 ? "a" : "b")))
              : new Parameter("p" + i, d));
    }
    return new SearchSpace(ps);
  }
}
