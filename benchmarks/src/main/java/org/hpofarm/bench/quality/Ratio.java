package org.hpofarm.bench.quality;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The farm against Optuna on one test function: the best farm sampler's median regret and the
 * {@code auto} sampler's, each divided by the best Optuna sampler's (below 1: the farm does
 * better).
 *
 * @param autoRegret NaN when {@code auto} was not run
 * @param ratioBest NaN when Optuna's best regret is not positive
 * @param ratioAuto NaN when {@code auto} was not run or Optuna's best regret is not positive
 */
public record Ratio(
    String func,
    int parallel,
    String bestFarmSampler,
    double bestFarmRegret,
    String bestOptunaSampler,
    double bestOptunaRegret,
    double autoRegret,
    double ratioBest,
    double ratioAuto) {

  /** The JSON line, kind {@code ratio}; NaN ratios are written as null. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("kind", "ratio");
    n.put("func", func);
    n.put("parallel", parallel);
    n.put("best_farm_sampler", bestFarmSampler);
    n.put("best_farm_regret", bestFarmRegret);
    n.put("best_optuna_sampler", bestOptunaSampler);
    n.put("best_optuna_regret", bestOptunaRegret);
    putNumber(n, "auto_regret", autoRegret);
    putNumber(n, "ratio_best", ratioBest);
    putNumber(n, "ratio_auto", ratioAuto);
    return n;
  }

  private static void putNumber(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, v);
    } else {
      n.putNull(field);
    }
  }
}
