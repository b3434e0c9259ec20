package org.hpofarm.bench.latency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;

/**
 * The study a latency benchmark asks in: a space of float parameters on [0, 1] and a history of
 * COMPLETE trials at uniformly random points, valued by a smooth objective.
 */
public final class LatencyFixture {

  private static final Instant T0 = Instant.EPOCH;

  private LatencyFixture() {}

  /** {@code dims} float parameters {@code x0 .. x(dims-1)} on [0, 1]. */
  public static SearchSpace space(int dims) {
    if (dims < 1) {
      throw new IllegalArgumentException("dims: must be at least 1 (got " + dims + ")");
    }
    List<Parameter> params = new ArrayList<>();
    for (int i = 0; i < dims; i++) {
      params.add(new Parameter("x" + i, FloatRange.of(0, 1)));
    }
    return new SearchSpace(params);
  }

  /** A history of {@code trials} COMPLETE trials at random points of {@code space}. */
  public static History history(SearchSpace space, int trials, long seed) {
    if (trials < 0) {
      throw new IllegalArgumentException("trials: must not be negative (got " + trials + ")");
    }
    RandomGenerator rng = new SplittableRandom(seed);
    List<Trial> done = new ArrayList<>(trials);
    for (int number = 0; number < trials; number++) {
      Map<String, Object> params = space.assemble(p -> p.distribution().fromUnit(rng.nextDouble()));
      Instant at = T0.plusSeconds(number);
      done.add(
          Trial.running(number, params, "bench", at)
              .complete(List.of(objective(space, params)), at));
    }
    return new History(List.of(Direction.MINIMIZE), done);
  }

  /** A smooth objective with its minimum inside the space: a shifted quadratic with a ripple. */
  public static double objective(SearchSpace space, Map<String, Object> params) {
    double s = 0;
    for (Parameter p : space.parameters()) {
      double u = p.distribution().toUnit(params.get(p.name())) - 0.3;
      s += u * u + 0.05 * (1 - Math.cos(4 * Math.PI * u));
    }
    return s;
  }
}
