package org.hpofarm.bench.function;

import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.hpofarm.master.space.SearchSpace;

/**
 * A benchmark objective with a known minimum: its search space, the function of a trial's params,
 * the minimum value and one point where it is reached.
 *
 * @param name the name used on the command line and in the JSON output
 * @param space the search space the optimisers search
 * @param objective the value to minimise, of params as a sampler proposes them
 * @param optimum the known minimum value (regret is the best value found minus this)
 * @param argmin a point of {@code space} where {@code objective} is within 1e-4 of {@code optimum}
 */
public record TestFunction(
    String name,
    SearchSpace space,
    ToDoubleFunction<Map<String, Object>> objective,
    double optimum,
    Map<String, Object> argmin) {

  public TestFunction {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("function.name: must not be blank");
    }
    argmin = space.validatePoint(argmin);
  }

  /** The objective at {@code params}. */
  public double evaluate(Map<String, Object> params) {
    return objective.applyAsDouble(params);
  }
}
