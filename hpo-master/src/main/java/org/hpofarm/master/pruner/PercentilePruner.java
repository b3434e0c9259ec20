package org.hpofarm.master.pruner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.trial.Trial;

/**
 * Prunes a trial whose best intermediate value so far is worse than a percentile (the median by
 * default) of the completed trials' values at the same step.
 */
public final class PercentilePruner implements Pruner {

  /*
   * Design notes.
   *
   * The median stopping rule of Google Vizier (Golovin et al. 2017, "Google Vizier: a service for
   * black-box optimization", section 3.2.2) as Optuna's MedianPruner and PercentilePruner implement
   * it, whose semantics we keep so that studies ported from Optuna prune alike:
   *  - nothing is pruned until nStartupTrials trials are COMPLETE;
   *  - nor before nWarmupSteps, and then only at the first report of each interval of
   *    intervalSteps (PruningSchedule);
   *  - the trial's best intermediate value over all its steps so far is compared with the given
   *    percentile of the values the COMPLETE trials reported at the trial's current step; fewer than
   *    minTrials such values means no verdict;
   *  - a trial whose values are all NaN is pruned; NaN values of other trials are ignored.
   * For MAXIMIZE, "best" is the maximum and the percentile is taken from the top (100 - p), so a
   * study and its mirror image prune alike. Percentiles interpolate linearly between order
   * statistics (the numpy default).
   */

  private final double percentile;
  private final int startupTrials;
  private final PruningSchedule schedule;
  private final int minTrials;

  /**
   * @param percentile in [0, 100]: 50 is the median rule, lower is more aggressive
   * @param startupTrials COMPLETE trials needed before anything is pruned
   * @param schedule warm-up steps and interval
   * @param minTrials COMPLETE trials that must have reported the step for a verdict
   */
  public PercentilePruner(
      double percentile, int startupTrials, PruningSchedule schedule, int minTrials) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException(
          "pruner.percentile: must be in [0, 100], got " + percentile);
    }
    if (startupTrials < 0) {
      throw new IllegalArgumentException(
          "pruner.nStartupTrials: must be >= 0, got " + startupTrials);
    }
    if (minTrials < 1) {
      throw new IllegalArgumentException("pruner.minTrials: must be >= 1, got " + minTrials);
    }
    this.percentile = percentile;
    this.startupTrials = startupTrials;
    this.schedule = schedule;
    this.minTrials = minTrials;
  }

  /** Optuna's MedianPruner defaults: 5 startup trials, no warm-up, every step, 1 trial. */
  public static PercentilePruner median() {
    return new PercentilePruner(50, 5, new PruningSchedule(0, 1), 1);
  }

  /**
   * The median rule that a study's {@code pruner.options} configure (Optuna's MedianPruner options,
   * every one optional); rejects unknown names and bad values.
   */
  public static PercentilePruner median(Options options) {
    options.allowOnly("nStartupTrials", "nWarmupSteps", "intervalSteps", "minTrials", "nMinTrials");
    return from(options, 50);
  }

  /**
   * The percentile rule that a study's {@code pruner.options} configure: {@code percentile}
   * (required) and the options of {@link #median(Options)}; rejects unknown names and bad values.
   */
  public static PercentilePruner from(Options options) {
    options.allowOnly(
        "percentile", "nStartupTrials", "nWarmupSteps", "intervalSteps", "minTrials", "nMinTrials");
    if (!options.values().containsKey("percentile")) {
      throw new IllegalArgumentException("pruner.percentile: required, a number in [0, 100]");
    }
    return from(options, options.getDouble("percentile", 50, 0, 100));
  }

  /** The rule at {@code percentile}, the other settings read from {@code options}. */
  private static PercentilePruner from(Options options, double percentile) {
    if (options.values().containsKey("minTrials") && options.values().containsKey("nMinTrials")) {
      throw new IllegalArgumentException(
          "pruner.nMinTrials: give minTrials or nMinTrials, not both");
    }
    String minTrialsKey = options.values().containsKey("nMinTrials") ? "nMinTrials" : "minTrials";
    return new PercentilePruner(
        percentile,
        options.getInt("nStartupTrials", 5, 0, Integer.MAX_VALUE),
        PruningSchedule.from(options),
        options.getInt(minTrialsKey, 1, 1, Integer.MAX_VALUE));
  }

  @Override
  public PruneDecision decide(Trial trial, History history) {
    String notDue = schedule.notDue(trial);
    if (notDue != null) {
      return PruneDecision.keep(notDue);
    }
    List<Trial> completed =
        history.completed().stream().filter(t -> t.number() != trial.number()).toList();
    if (completed.size() < startupTrials || completed.isEmpty()) {
      return PruneDecision.keep(
          completed.size()
              + " completed trials, pruning starts after "
              + Math.max(1, startupTrials));
    }
    int step = trial.lastStep();
    Direction direction = history.directions().get(0);
    double best = best(trial, direction);
    if (Double.isNaN(best)) {
      return PruneDecision.prune("every value reported so far is NaN");
    }
    List<Double> atStep = new ArrayList<>();
    for (Trial t : completed) {
      Double v = t.intermediate().get(step);
      if (v != null) {
        atStep.add(v);
      }
    }
    if (atStep.size() < minTrials) {
      return PruneDecision.keep(
          "only "
              + atStep.size()
              + " completed trials reported step "
              + step
              + ", need "
              + minTrials);
    }
    double p = direction == Direction.MAXIMIZE ? 100 - percentile : percentile;
    double threshold = percentileOf(atStep, p);
    if (Double.isNaN(threshold)) {
      return PruneDecision.keep("the completed trials reported only NaN at step " + step);
    }
    String what =
        (percentile == 50 ? "the median" : "the " + fmt(percentile) + "th percentile")
            + " "
            + fmt(threshold)
            + " of "
            + atStep.size()
            + " completed trials at step "
            + step;
    boolean worse = direction.sign() * best > direction.sign() * threshold;
    return worse
        ? PruneDecision.prune("best value so far " + fmt(best) + " is worse than " + what)
        : PruneDecision.keep("best value so far " + fmt(best) + " is no worse than " + what);
  }

  /** The trial's best intermediate value over its steps, ignoring NaN (NaN if there is none). */
  static double best(Trial trial, Direction direction) {
    double best = Double.NaN;
    for (double v : trial.intermediate().values()) {
      if (!Double.isNaN(v)
          && (Double.isNaN(best) || direction.sign() * v < direction.sign() * best)) {
        best = v;
      }
    }
    return best;
  }

  /** The {@code p}-th percentile of the non-NaN values, interpolated linearly; NaN if none. */
  static double percentileOf(List<Double> values, double p) {
    double[] v =
        values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    double pos = p / 100 * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(v.length - 1, lo + 1);
    double frac = pos - lo;
    return frac == 0 ? v[lo] : v[lo] + frac * (v[hi] - v[lo]);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
