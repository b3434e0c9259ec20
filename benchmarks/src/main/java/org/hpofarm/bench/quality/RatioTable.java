package org.hpofarm.bench.quality;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The comparison of a farm run with an Optuna run on the same functions, trials, seeds and
 * parallelism: one {@link Ratio} per function found in both, and the counts the project's targets
 * are stated in (functions where the farm is at or below Optuna's best, and at most half of it).
 */
public record RatioTable(List<Ratio> rows) {

  /** The name of the sampler that picks among the others. */
  public static final String AUTO = "auto";

  public RatioTable {
    rows = List.copyOf(rows);
  }

  /** Compares per function by median regret. */
  public static RatioTable of(List<QualityResult> farm, List<QualityResult> optuna) {
    Set<String> funcs = new LinkedHashSet<>();
    farm.forEach(r -> funcs.add(r.func()));
    List<Ratio> rows = new ArrayList<>();
    for (String func : funcs) {
      Optional<QualityResult> bestFarm = best(farm, func);
      Optional<QualityResult> bestOptuna = best(optuna, func);
      if (bestFarm.isEmpty() || bestOptuna.isEmpty()) {
        continue;
      }
      double den = bestOptuna.get().regretMedian();
      double auto =
          farm.stream()
              .filter(r -> r.func().equals(func) && r.sampler().equals(AUTO))
              .mapToDouble(QualityResult::regretMedian)
              .findFirst()
              .orElse(Double.NaN);
      rows.add(
          new Ratio(
              func,
              bestFarm.get().parallel(),
              bestFarm.get().sampler(),
              bestFarm.get().regretMedian(),
              bestOptuna.get().sampler(),
              den,
              auto,
              ratio(bestFarm.get().regretMedian(), den),
              ratio(auto, den)));
    }
    return new RatioTable(rows);
  }

  /** Functions whose ratio of the best farm sampler is at most {@code limit}. */
  public long bestAtMost(double limit) {
    return rows.stream().filter(r -> r.ratioBest() <= limit).count();
  }

  /** Functions whose ratio of {@code auto} is at most {@code limit}. */
  public long autoAtMost(double limit) {
    return rows.stream().filter(r -> r.ratioAuto() <= limit).count();
  }

  /** The JSON summary line, kind {@code ratio_summary}. */
  public ObjectNode summaryJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("kind", "ratio_summary");
    n.put("funcs", rows.size());
    n.put("best_at_or_below_optuna", bestAtMost(1.0));
    n.put("best_at_most_half", bestAtMost(0.5));
    n.put("auto_at_or_below_optuna", autoAtMost(1.0));
    n.put("auto_at_most_half", autoAtMost(0.5));
    return n;
  }

  /** A fixed-width table for people. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-16s %-22s %-22s %-22s %9s %9s%n",
            "func",
            "best farm",
            "best optuna",
            "auto",
            "best/opt",
            "auto/opt"));
    for (Ratio r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-16s %-22s %-22s %-22s %9s %9s%n",
              r.func(),
              cell(r.bestFarmSampler(), r.bestFarmRegret()),
              cell(r.bestOptunaSampler(), r.bestOptunaRegret()),
              Double.isNaN(r.autoRegret()) ? "-" : cell(AUTO, r.autoRegret()),
              number(r.ratioBest()),
              number(r.ratioAuto())));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "best farm sampler at or below Optuna's best on %d of %d, at most half on %d;"
                + " auto: %d and %d%n",
            bestAtMost(1.0),
            rows.size(),
            bestAtMost(0.5),
            autoAtMost(1.0),
            autoAtMost(0.5)));
    return b.toString();
  }

  private static Optional<QualityResult> best(List<QualityResult> results, String func) {
    return results.stream()
        .filter(r -> r.func().equals(func) && !Double.isNaN(r.regretMedian()))
        .min(Comparator.comparingDouble(QualityResult::regretMedian));
  }

  private static double ratio(double num, double den) {
    return den > 0 && !Double.isNaN(num) ? num / den : Double.NaN;
  }

  private static String cell(String sampler, double regret) {
    return String.format(Locale.ROOT, "%s %.3g", sampler, regret);
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
  }
}
