package org.hpofarm.master.sampler.cmaes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Distribution;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;

/**
 * The numeric parameters of a space as coordinates of the unit cube that CMA-ES searches: float and
 * int parameters (conditional ones included) through {@link Distribution#toUnit}, in space order.
 * Categoricals are not coordinates.
 */
final class Coordinates {

  /** Floor of a discrete coordinate's standard deviation, in bins. */
  private static final double FLOOR_BINS = 0.25;

  private final List<Parameter> parameters;
  private final double[] floors;

  Coordinates(SearchSpace space) {
    List<Parameter> numeric = new ArrayList<>();
    for (Parameter p : space.parameters()) {
      if (!(p.distribution() instanceof Categorical)) {
        numeric.add(p);
      }
    }
    this.parameters = List.copyOf(numeric);
    this.floors = new double[numeric.size()];
    for (int i = 0; i < floors.length; i++) {
      long card = numeric.get(i).distribution().cardinality();
      floors[i] = card == Long.MAX_VALUE || card <= 1 ? 0 : FLOOR_BINS / card;
    }
  }

  int size() {
    return parameters.size();
  }

  Parameter parameter(int i) {
    return parameters.get(i);
  }

  /** Index of the coordinate of {@code p}, or -1 when it is not numeric. */
  int indexOf(Parameter p) {
    return parameters.indexOf(p);
  }

  /** Minimum marginal standard deviation of each coordinate (0 when continuous). */
  double[] floors() {
    return floors.clone();
  }

  /**
   * The point of {@code params} in the unit cube; a coordinate whose parameter is absent (inactive)
   * takes {@code absent}'s value, so it neither pulls the mean nor counts as a step.
   */
  double[] encode(Map<String, Object> params, double[] absent) {
    double[] x = new double[parameters.size()];
    for (int i = 0; i < x.length; i++) {
      Parameter p = parameters.get(i);
      Object v = params.get(p.name());
      x[i] = v == null ? absent[i] : p.distribution().toUnit(v);
    }
    return x;
  }
}
