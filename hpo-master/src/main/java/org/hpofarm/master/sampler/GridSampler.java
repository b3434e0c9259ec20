package org.hpofarm.master.sampler;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;

/**
 * Grid search: every point of the Cartesian product of the parameters' values, in an order shuffled
 * by the study seed, each proposed once; random points once the grid is exhausted.
 */
public final class GridSampler implements Sampler {

  /*
   * Design notes.
   *
   * The grid (Grid) takes every choice of a categorical, every value of a discrete range with at
   * most `points` values, and `points` evenly spaced values (in log space for log parameters, ends
   * included) otherwise. Conditional spaces are gridded branch by branch.
   *
   * The visiting order is a keyed permutation of the point indices (IndexPermutation), so the grid
   * is never materialised and a study's order depends only on its seed. An ask proposes the first
   * point in that order that no trial of the history has (finished or pending): simultaneous asks
   * differ because each sees the ones before as pending, and a point enqueued by hand is not
   * proposed again. The scan stops at the first free point, so an ask costs O(history) lookups.
   *
   * Once every point has a trial, or when the grid is too large to number (more than 2^62 points),
   * proposals are random: uniform in the space after exhaustion (as a plain random search would
   * continue), uniform over the grid's axes for an unbounded grid (where a repeat is improbable).
   */

  /** Values per numeric parameter when the options give none. */
  static final int DEFAULT_POINTS = 10;

  private final int defaultPoints;
  private final Map<String, Integer> pointsByParameter;
  private volatile Cached cached;

  private record Cached(SearchSpace space, Grid grid) {}

  /**
   * @param defaultPoints values per numeric parameter with more distinct values than this
   * @param pointsByParameter overrides of {@code defaultPoints} by parameter name
   */
  public GridSampler(int defaultPoints, Map<String, Integer> pointsByParameter) {
    if (defaultPoints < 1) {
      throw new IllegalArgumentException(
          "sampler.points: must be at least 1, got " + defaultPoints);
    }
    pointsByParameter.forEach(
        (name, n) -> {
          if (n == null || n < 1) {
            throw new IllegalArgumentException(
                "sampler.points." + name + ": must be at least 1, got " + n);
          }
        });
    this.defaultPoints = defaultPoints;
    this.pointsByParameter = Map.copyOf(pointsByParameter);
  }

  public GridSampler(int defaultPoints) {
    this(defaultPoints, Map.of());
  }

  /**
   * The grid sampler that a study's {@code sampler.options} configure: {@code points}, an integer
   * for every parameter, or an object from parameter name to one ({@code "*"} for the others);
   * rejects unknown names and bad values.
   */
  public static GridSampler from(Options options) {
    options.allowOnly("points");
    Object points = options.values().get("points");
    if (points instanceof Map<?, ?> byName) {
      Map<String, Integer> parsed = new LinkedHashMap<>();
      int dflt = DEFAULT_POINTS;
      for (var e : byName.entrySet()) {
        String name = String.valueOf(e.getKey());
        if (e.getValue() == null) {
          throw new IllegalArgumentException("sampler.points." + name + ": must be an integer");
        }
        Options one = new Options("sampler.points", Map.of(name, e.getValue()));
        int n = one.getInt(name, 0, 1, 1_000_000);
        if ("*".equals(name)) {
          dflt = n;
        } else {
          parsed.put(name, n);
        }
      }
      return new GridSampler(dflt, parsed);
    }
    return new GridSampler(options.getInt("points", DEFAULT_POINTS, 1, 1_000_000));
  }

  @Override
  public Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed) {
    Grid grid = grid(space);
    if (!grid.isEnumerable()) {
      return grid.randomPoint(seed.rng());
    }
    Set<Map<String, Object>> taken = new HashSet<>();
    for (Trial t : history.trials()) {
      taken.add(t.params());
    }
    IndexPermutation order = new IndexPermutation(grid.size(), seed.study() ^ 0x6121D5EEDL);
    for (long k = 0; k < grid.size(); k++) {
      Map<String, Object> point = grid.point(order.apply(k));
      if (!taken.contains(point)) {
        return point;
      }
    }
    RandomGenerator rng = seed.rng();
    return space.assemble(p -> p.distribution().fromUnit(rng.nextDouble()));
  }

  /** The grid of {@code space} under this sampler's resolution. */
  Grid grid(SearchSpace space) {
    Cached c = cached;
    if (c != null && c.space().equals(space)) {
      return c.grid();
    }
    for (String name : pointsByParameter.keySet()) {
      if (space.get(name) == null) {
        throw new IllegalArgumentException(
            "sampler.points." + name + ": not a parameter of the search space");
      }
    }
    Grid grid = Grid.of(space, this::points);
    cached = new Cached(space, grid);
    return grid;
  }

  private int points(Parameter p) {
    return pointsByParameter.getOrDefault(p.name(), defaultPoints);
  }
}
