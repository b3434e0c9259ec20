package org.hpofarm.master.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * A study's optimisation history as a chart draws it: each finished trial's value by trial number,
 * the best value so far as a step line, and the pruned and failed trials marked. Downsampled on the
 * server: every improvement of the best is kept, the complete trials' values keep their envelope
 * ({@link Downsample#minMax}) within {@link #POINTS} points, and the pruned and failed marks within
 * {@link #MARKS} each, so a study of 20,000 trials ships a few thousand points.
 *
 * @param objective the objective drawn (its index in the study's directions)
 * @param complete COMPLETE trials with a finite value, in all
 * @param pruned PRUNED trials in all
 * @param failed FAILED trials in all
 * @param points {@code [number, value]} of complete trials, downsampled
 * @param best {@code [number, best so far]} at every improvement, and at the last trial
 * @param prunedMarks {@code [number, value]} of pruned trials (their last intermediate value, or
 *     the lowest value shown when they reported none)
 * @param failedMarks {@code [number, lowest value shown]} of failed trials
 */
public record HistoryChart(
    int objective,
    String direction,
    int complete,
    int pruned,
    int failed,
    List<double[]> points,
    List<double[]> best,
    List<double[]> prunedMarks,
    List<double[]> failedMarks) {

  /** The most complete-trial points a chart gets. */
  static final int POINTS = 2000;

  /** The most pruned or failed marks a chart gets, each. */
  static final int MARKS = 500;

  /** The history of {@code trials} for objective {@code objective} in {@code direction}. */
  static HistoryChart of(List<Trial> trials, int objective, Direction direction) {
    List<Trial> finished =
        trials.stream()
            .filter(t -> t.state().isFinished())
            .sorted(Comparator.comparingInt(Trial::number))
            .toList();
    List<double[]> values = new ArrayList<>();
    List<double[]> best = new ArrayList<>();
    List<double[]> pruned = new ArrayList<>();
    List<double[]> failed = new ArrayList<>();
    double sign = direction.sign();
    double bestSoFar = Double.NaN;
    int last = -1;
    for (Trial t : finished) {
      last = t.number();
      if (t.state() == TrialState.FAILED) {
        failed.add(new double[] {t.number(), Double.NaN});
        continue;
      }
      double v = t.values().size() > objective ? t.values().get(objective) : Double.NaN;
      if (t.state() == TrialState.PRUNED) {
        pruned.add(new double[] {t.number(), v});
        continue;
      }
      if (!Double.isFinite(v)) {
        continue;
      }
      values.add(new double[] {t.number(), v});
      if (Double.isNaN(bestSoFar) || sign * v < sign * bestSoFar) {
        bestSoFar = v;
        best.add(new double[] {t.number(), v});
      }
    }
    double floor = Double.POSITIVE_INFINITY;
    for (double[] p : values) {
      floor = Math.min(floor, p[1]);
    }
    for (double[] p : pruned) {
      floor = Double.isFinite(p[1]) ? Math.min(floor, p[1]) : floor;
    }
    floor = Double.isFinite(floor) ? floor : 0;
    for (double[] p : pruned) {
      p[1] = Double.isFinite(p[1]) ? p[1] : floor;
    }
    for (double[] p : failed) {
      p[1] = floor;
    }
    if (!best.isEmpty() && best.get(best.size() - 1)[0] != last) {
      best.add(new double[] {last, bestSoFar});
    }
    return new HistoryChart(
        objective,
        direction.wire(),
        values.size(),
        pruned.size(),
        failed.size(),
        Downsample.minMax(values, POINTS, p -> p[1]),
        Downsample.stride(best, POINTS),
        Downsample.minMax(pruned, MARKS, p -> p[1]),
        Downsample.stride(failed, MARKS));
  }
}
