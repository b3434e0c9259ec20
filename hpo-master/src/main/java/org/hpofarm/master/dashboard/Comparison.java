package org.hpofarm.master.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * Two or more studies side by side, on their first objective: each one's best value so far by
 * finished trial and by time, the trials and the time it took to reach a target value, and the
 * parameter values of its best trials. The target is the one asked for, else the worst of the
 * studies' best values, which every study reached.
 *
 * @param target the value that "reached" means (in the first study's direction); null when no study
 *     has a complete trial
 * @param studies in the order asked
 */
public record Comparison(Double target, List<Entry> studies) {

  /** At most this many points per best-so-far curve. */
  static final int POINTS = 1000;

  /** The best trials whose parameters are shown: a tenth of the complete ones, 1 to 50. */
  static final int TOP_MAX = 50;

  /**
   * One study of the comparison.
   *
   * @param finished trials finished
   * @param best best value, null before any trial completes
   * @param byTrial {@code [finished trials so far, best]} at each improvement
   * @param bySeconds {@code [seconds since the study's first trial started, best]} at each
   *     improvement
   * @param trialsToTarget finished trials until the target was reached, null if never
   * @param secondsToTarget seconds from the first trial's start until then, null if never
   * @param bestParams the best trials' values per parameter (categoricals as text)
   */
  public record Entry(
      String id,
      String name,
      String owner,
      String direction,
      String created,
      int finished,
      Double best,
      List<double[]> byTrial,
      List<double[]> bySeconds,
      Integer trialsToTarget,
      Double secondsToTarget,
      Map<String, List<Object>> bestParams) {}

  static Comparison of(List<Study> studies, List<List<Trial>> trials, Double target) {
    Direction direction = studies.get(0).spec().directions().get(0);
    Double goal = target;
    if (goal == null) {
      for (int i = 0; i < studies.size(); i++) {
        Double best = bestOf(trials.get(i), direction);
        if (best != null && (goal == null || direction.sign() * best > direction.sign() * goal)) {
          goal = best;
        }
      }
    }
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < studies.size(); i++) {
      out.add(entry(studies.get(i), trials.get(i), goal));
    }
    return new Comparison(goal, out);
  }

  private static Double bestOf(List<Trial> trials, Direction direction) {
    return complete(trials)
        .map(Trial::value)
        .min(Comparator.comparingDouble(v -> direction.sign() * v))
        .orElse(null);
  }

  private static java.util.stream.Stream<Trial> complete(List<Trial> trials) {
    return trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE && Double.isFinite(t.value()));
  }

  private static Entry entry(Study study, List<Trial> trials, Double target) {
    Direction direction = study.spec().directions().get(0);
    double sign = direction.sign();
    List<Trial> finished =
        trials.stream()
            .filter(t -> t.state().isFinished() && t.finished() != null)
            .sorted(Comparator.comparing(Trial::finished).thenComparingInt(Trial::number))
            .toList();
    var start =
        trials.stream()
            .map(t -> t.started() != null ? t.started() : t.created())
            .min(Comparator.naturalOrder())
            .orElse(study.created());
    List<double[]> byTrial = new ArrayList<>();
    List<double[]> bySeconds = new ArrayList<>();
    Double best = null;
    Integer trialsToTarget = null;
    Double secondsToTarget = null;
    for (int k = 0; k < finished.size(); k++) {
      Trial t = finished.get(k);
      if (t.state() != TrialState.COMPLETE || !Double.isFinite(t.value())) {
        continue;
      }
      double v = t.value();
      if (best == null || sign * v < sign * best) {
        best = v;
        double seconds = Duration.between(start, t.finished()).toMillis() / 1000.0;
        byTrial.add(new double[] {k + 1, v});
        bySeconds.add(new double[] {seconds, v});
        if (trialsToTarget == null && target != null && sign * v <= sign * target) {
          trialsToTarget = k + 1;
          secondsToTarget = seconds;
        }
      }
    }
    if (best != null) {
      double seconds =
          Duration.between(start, finished.get(finished.size() - 1).finished()).toMillis() / 1000.0;
      byTrial.add(new double[] {finished.size(), best});
      bySeconds.add(new double[] {seconds, best});
    }
    List<Trial> ranked =
        complete(trials).sorted(Comparator.comparingDouble(t -> sign * t.value())).toList();
    int top = Math.max(1, Math.min(TOP_MAX, ranked.size() / 10));
    Map<String, List<Object>> bestParams = new LinkedHashMap<>();
    for (Parameter p : study.spec().space().parameters()) {
      List<Object> values = new ArrayList<>();
      ranked.stream()
          .limit(top)
          .map(t -> t.params().get(p.name()))
          .filter(v -> v != null)
          .forEach(v -> values.add(v instanceof Number ? v : String.valueOf(v)));
      bestParams.put(p.name(), values);
    }
    return new Entry(
        study.id(),
        study.spec().name(),
        study.owner(),
        direction.wire(),
        study.created().toString(),
        finished.size(),
        best,
        Downsample.stride(byTrial, POINTS),
        Downsample.stride(bySeconds, POINTS),
        trialsToTarget,
        secondsToTarget,
        bestParams);
  }
}
