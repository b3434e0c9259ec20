package org.hpofarm.bench.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * One arm's study on one seed, read from its trials: the best objective against the slice-seconds
 * spent until then (every trial's time on its slice counts, pruned and failed ones too).
 *
 * @param curve the points where the best COMPLETE objective improved, in slice-seconds order
 * @param sliceSeconds the slice-seconds the whole run spent
 */
record Run(
    String arm,
    long seed,
    List<Point> curve,
    int trials,
    int complete,
    int pruned,
    double sliceSeconds) {

  /** The best objective reached after {@code sliceSeconds} of slice time. */
  record Point(double sliceSeconds, double best) {}

  Run {
    curve = List.copyOf(curve);
  }

  /** The run of {@code trials} (finished ones end at {@code finished}, others at {@code now}). */
  static Run of(String arm, long seed, List<Trial> trials, Instant now) {
    List<Trial> started = trials.stream().filter(t -> t.started() != null).toList();
    List<Trial> done =
        started.stream()
            .filter(t -> t.state() == TrialState.COMPLETE && t.finished() != null)
            .sorted(Comparator.comparing(Trial::finished))
            .toList();
    List<Point> curve = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    for (Trial t : done) {
      if (t.value() < best) {
        best = t.value();
        curve.add(new Point(spentBy(started, t.finished(), now), best));
      }
    }
    int pruned = (int) started.stream().filter(t -> t.state() == TrialState.PRUNED).count();
    return new Run(
        arm, seed, curve, started.size(), done.size(), pruned, spentBy(started, now, now));
  }

  /** Slice-seconds spent by {@code trials} up to {@code until}. */
  static double spentBy(List<Trial> trials, Instant until, Instant now) {
    double total = 0;
    for (Trial t : trials) {
      Instant end = t.finished() != null ? t.finished() : now;
      Instant stop = end.isBefore(until) ? end : until;
      if (stop.isAfter(t.started())) {
        total += Duration.between(t.started(), stop).toNanos() / 1e9;
      }
    }
    return total;
  }

  /** The best objective at the end, NaN when no trial completed. */
  double best() {
    return curve.isEmpty() ? Double.NaN : curve.getLast().best();
  }

  /** The slice-seconds spent when the best first reached {@code target} or below, else NaN. */
  double sliceSecondsTo(double target) {
    for (Point p : curve) {
      if (p.best() <= target) {
        return p.sliceSeconds();
      }
    }
    return Double.NaN;
  }
}
