package org.hpofarm.bench.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The regret of one sampler on one test function over several seeds: the quartiles of (best value
 * found after {@code trials} trials minus the known optimum), and the mean wall time per trial.
 *
 * <p>Its JSON form has the fields of the Optuna reference script's output lines.
 */
public record QualityResult(
    String func,
    String sampler,
    int parallel,
    int trials,
    int seeds,
    double regretMedian,
    double regretQ1,
    double regretQ3,
    double msPerTrial) {

  /** The JSON line, with {@code kind} ({@code farm} or {@code optuna}) first. */
  public ObjectNode toJson(String kind) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("kind", kind);
    n.put("func", func);
    n.put("sampler", sampler);
    n.put("parallel", parallel);
    n.put("trials", trials);
    n.put("seeds", seeds);
    n.put("regret_median", regretMedian);
    n.put("regret_q1", regretQ1);
    n.put("regret_q3", regretQ3);
    n.put("ms_per_trial", msPerTrial);
    return n;
  }

  /**
   * Reads a line of the reference script's output (an absent {@code parallel}, as in older figures,
   * means 1).
   */
  public static QualityResult fromJson(JsonNode n) {
    for (String field :
        new String[] {"func", "sampler", "trials", "seeds", "regret_median", "ms_per_trial"}) {
      if (!n.hasNonNull(field)) {
        throw new IllegalArgumentException(field + ": missing in " + n);
      }
    }
    return new QualityResult(
        n.get("func").asText(),
        n.get("sampler").asText(),
        n.path("parallel").asInt(1),
        n.get("trials").asInt(),
        n.get("seeds").asInt(),
        n.get("regret_median").asDouble(),
        n.path("regret_q1").asDouble(Double.NaN),
        n.path("regret_q3").asDouble(Double.NaN),
        n.get("ms_per_trial").asDouble());
  }
}
