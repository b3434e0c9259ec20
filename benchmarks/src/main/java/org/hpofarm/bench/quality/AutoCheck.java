package org.hpofarm.bench.quality;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code auto} sampler against the farm's other samplers on one test function: its median
 * regret, the best other sampler's, their ratio, and auto's rank among all (1 = best).
 */
public record AutoCheck(
    String func,
    int parallel,
    double autoRegret,
    String bestOtherSampler,
    double bestOtherRegret,
    double ratio,
    int rank,
    int samplers) {

  /** One check per function where {@code auto} and at least one other sampler ran. */
  public static List<AutoCheck> of(List<QualityResult> farm) {
    Set<String> funcs = new LinkedHashSet<>();
    farm.forEach(r -> funcs.add(r.func()));
    List<AutoCheck> checks = new ArrayList<>();
    for (String func : funcs) {
      List<QualityResult> here = farm.stream().filter(r -> r.func().equals(func)).toList();
      Optional<QualityResult> auto =
          here.stream().filter(r -> r.sampler().equals(RatioTable.AUTO)).findFirst();
      Optional<QualityResult> bestOther =
          here.stream()
              .filter(r -> !r.sampler().equals(RatioTable.AUTO))
              .min(Comparator.comparingDouble(QualityResult::regretMedian));
      if (auto.isEmpty() || bestOther.isEmpty()) {
        continue;
      }
      double a = auto.get().regretMedian();
      double b = bestOther.get().regretMedian();
      int rank = 1 + (int) here.stream().filter(r -> r.regretMedian() < a).count();
      checks.add(
          new AutoCheck(
              func,
              auto.get().parallel(),
              a,
              bestOther.get().sampler(),
              b,
              b > 0 ? a / b : Double.NaN,
              rank,
              here.size()));
    }
    return List.copyOf(checks);
  }

  /** True when auto's median regret is at most the best other sampler's. */
  public boolean atLeastAsGood() {
    return autoRegret <= bestOtherRegret;
  }

  /** The JSON line, kind {@code auto_check}; a NaN ratio is written as null. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("kind", "auto_check");
    n.put("func", func);
    n.put("parallel", parallel);
    n.put("auto_regret", autoRegret);
    n.put("best_other_sampler", bestOtherSampler);
    n.put("best_other_regret", bestOtherRegret);
    if (Double.isFinite(ratio)) {
      n.put("ratio", ratio);
    } else {
      n.putNull("ratio");
    }
    n.put("rank", rank);
    n.put("samplers", samplers);
    return n;
  }
}
