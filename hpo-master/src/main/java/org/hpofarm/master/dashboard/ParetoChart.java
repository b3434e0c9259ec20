package org.hpofarm.master.dashboard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.ParetoFront;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * The Pareto front of a study with several objectives, drawn on its first two: the front's trials
 * (all of them) and the other complete trials, downsampled to {@link #POINTS}.
 *
 * @param directions the study's directions
 * @param front {@code [value 0, value 1, number]} of the trials no other dominates
 * @param others {@code [value 0, value 1, number]} of the rest of the complete trials
 */
public record ParetoChart(List<String> directions, List<double[]> front, List<double[]> others) {

  static final int POINTS = 2000;

  static ParetoChart of(History history) {
    List<Trial> best = ParetoFront.of(history);
    Set<Integer> onFront = new HashSet<>();
    List<double[]> front = new ArrayList<>();
    for (Trial t : best) {
      onFront.add(t.number());
      front.add(point(t));
    }
    List<double[]> others = new ArrayList<>();
    for (Trial t : history.trials()) {
      if (t.state() == TrialState.COMPLETE
          && !onFront.contains(t.number())
          && t.values().size() >= 2
          && Double.isFinite(t.values().get(0))
          && Double.isFinite(t.values().get(1))) {
        others.add(point(t));
      }
    }
    return new ParetoChart(
        history.directions().stream().map(d -> d.wire()).toList(),
        front,
        Downsample.stride(others, POINTS));
  }

  private static double[] point(Trial t) {
    return new double[] {t.values().get(0), t.values().get(1), t.number()};
  }
}
