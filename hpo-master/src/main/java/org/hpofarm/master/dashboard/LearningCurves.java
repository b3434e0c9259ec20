package org.hpofarm.master.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * The intermediate values of a study's trials (their learning curves), a pruned trial's curve
 * ending where it was stopped. A large study shows a selection: the {@link #BEST} best complete
 * trials, then the most recent ones up to {@link #CURVES} curves; each curve keeps at most {@link
 * #STEPS} steps (evenly spaced, the last one kept).
 *
 * @param reporting trials that reported at least one intermediate value, in all
 * @param curves the curves shown
 */
public record LearningCurves(int reporting, List<Curve> curves) {

  static final int CURVES = 50;
  static final int BEST = 10;
  static final int STEPS = 100;

  /**
   * One trial's curve.
   *
   * @param points {@code [step, value]} in step order
   */
  public record Curve(int number, String state, List<double[]> points) {}

  static LearningCurves of(List<Trial> trials, Direction direction) {
    List<Trial> reporting = trials.stream().filter(t -> !t.intermediate().isEmpty()).toList();
    Set<Trial> chosen = new LinkedHashSet<>();
    reporting.stream()
        .filter(t -> t.state() == TrialState.COMPLETE && Double.isFinite(t.value()))
        .sorted(Comparator.comparingDouble(t -> direction.sign() * t.value()))
        .limit(BEST)
        .forEach(chosen::add);
    for (int i = reporting.size() - 1; i >= 0 && chosen.size() < CURVES; i--) {
      chosen.add(reporting.get(i));
    }
    List<Curve> curves = new ArrayList<>();
    chosen.stream()
        .sorted(Comparator.comparingInt(Trial::number))
        .forEach(
            t -> {
              List<double[]> points = new ArrayList<>();
              for (Map.Entry<Integer, Double> e : t.intermediate().entrySet()) {
                if (Double.isFinite(e.getValue())) {
                  points.add(new double[] {e.getKey(), e.getValue()});
                }
              }
              curves.add(new Curve(t.number(), t.state().name(), Downsample.stride(points, STEPS)));
            });
    return new LearningCurves(reporting.size(), curves);
  }
}
