package org.hpofarm.master.pruner;

import static org.hpofarm.master.pruner.PercentilePruner.fmt;

import org.hpofarm.master.core.History;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.trial.Trial;

/**
 * Prunes a trial whose latest intermediate value falls outside fixed bounds (or is NaN), whatever
 * the other trials do.
 */
public final class ThresholdPruner implements Pruner {

  /*
   * Design notes.
   *
   * Optuna's ThresholdPruner, kept for the studies that the Hopaas-compatible API brings: a guard
   * against diverging runs (a loss above a ceiling) or dead ones (an accuracy below a floor). The
   * bounds are absolute values, independent of the study's direction; the warm-up and interval
   * follow PruningSchedule as for the percentile rule.
   */

  private final double lower;
  private final double upper;
  private final PruningSchedule schedule;

  /**
   * @param lower values below it are pruned ({@code -Infinity}: no lower bound)
   * @param upper values above it are pruned ({@code +Infinity}: no upper bound)
   */
  public ThresholdPruner(double lower, double upper, PruningSchedule schedule) {
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      throw new IllegalArgumentException("pruner.lower/upper: must be numbers");
    }
    if (lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("pruner.lower: give lower, upper or both");
    }
    if (lower > upper) {
      throw new IllegalArgumentException(
          "pruner.lower: must not exceed upper (" + upper + "), got " + lower);
    }
    this.lower = lower;
    this.upper = upper;
    this.schedule = schedule;
  }

  /**
   * The pruner that a study's {@code pruner.options} configure: {@code lower}, {@code upper} (at
   * least one) and the options of a {@link PruningSchedule}; rejects unknown names and bad values.
   */
  public static ThresholdPruner from(Options options) {
    options.allowOnly("lower", "upper", "nWarmupSteps", "intervalSteps");
    double lower = options.getDouble("lower", Double.NEGATIVE_INFINITY);
    double upper = options.getDouble("upper", Double.POSITIVE_INFINITY);
    if (!options.values().containsKey("lower") && !options.values().containsKey("upper")) {
      throw new IllegalArgumentException("pruner.lower: give lower, upper or both");
    }
    if (lower > upper) {
      throw new IllegalArgumentException(
          "pruner.lower: must not exceed upper (" + upper + "), got " + lower);
    }
    return new ThresholdPruner(lower, upper, PruningSchedule.from(options));
  }

  @Override
  public PruneDecision decide(Trial trial, History history) {
    String notDue = schedule.notDue(trial);
    if (notDue != null) {
      return PruneDecision.keep(notDue);
    }
    int step = trial.lastStep();
    double v = trial.lastIntermediate();
    if (Double.isNaN(v)) {
      return PruneDecision.prune("value at step " + step + " is NaN");
    }
    if (v < lower) {
      return PruneDecision.prune(
          "value " + fmt(v) + " at step " + step + " is below the lower bound " + fmt(lower));
    }
    if (v > upper) {
      return PruneDecision.prune(
          "value " + fmt(v) + " at step " + step + " is above the upper bound " + fmt(upper));
    }
    return PruneDecision.keep("value " + fmt(v) + " at step " + step + " is within bounds");
  }
}
