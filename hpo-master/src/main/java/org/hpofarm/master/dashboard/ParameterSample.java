package org.hpofarm.master.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.IntRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * The complete trials' parameters beside their objective value, for parallel coordinates and the
 * slice plots: at most {@link #ROWS} trials, the {@link #BEST} best always among them, the rest
 * evenly spaced by trial number. A categorical value is given as the index of its choice; a
 * conditional parameter that was not active is null.
 *
 * @param complete complete trials with a finite value, in all
 * @param axes one per parameter, in the search space's order
 * @param rows {@code [number, value, param...]} per trial shown
 */
public record ParameterSample(int complete, List<Axis> axes, List<List<Double>> rows) {

  static final int ROWS = 500;
  static final int BEST = 50;

  /**
   * A parameter's axis.
   *
   * @param type {@code float}, {@code int} or {@code categorical}
   * @param choices a categorical's choices as text, else empty
   */
  public record Axis(
      String name, String type, Double low, Double high, boolean log, List<String> choices) {

    static Axis of(Parameter p) {
      return switch (p.distribution()) {
        case FloatRange f -> new Axis(p.name(), "float", f.low(), f.high(), f.log(), List.of());
        case IntRange i ->
            new Axis(p.name(), "int", (double) i.low(), (double) i.high(), i.log(), List.of());
        case Categorical c ->
            new Axis(
                p.name(),
                "categorical",
                null,
                null,
                false,
                c.choices().stream().map(String::valueOf).toList());
      };
    }
  }

  static ParameterSample of(SearchSpace space, List<Trial> trials, Direction direction) {
    List<Trial> complete =
        trials.stream()
            .filter(t -> t.state() == TrialState.COMPLETE && Double.isFinite(t.value()))
            .toList();
    Set<Trial> shown = new LinkedHashSet<>();
    complete.stream()
        .sorted(Comparator.comparingDouble(t -> direction.sign() * t.value()))
        .limit(BEST)
        .forEach(shown::add);
    shown.addAll(Downsample.stride(complete, ROWS - shown.size()));
    List<List<Double>> rows = new ArrayList<>();
    shown.stream()
        .sorted(Comparator.comparingInt(Trial::number))
        .forEach(t -> rows.add(row(space, t)));
    return new ParameterSample(
        complete.size(), space.parameters().stream().map(Axis::of).toList(), rows);
  }

  private static List<Double> row(SearchSpace space, Trial t) {
    List<Double> row = new ArrayList<>();
    row.add((double) t.number());
    row.add(t.value());
    for (Parameter p : space.parameters()) {
      Object v = t.params().get(p.name());
      row.add(
          switch (v) {
            case null -> null;
            case Number n when !(p.distribution() instanceof Categorical) -> n.doubleValue();
            default -> p.distribution() instanceof Categorical c ? (double) c.indexOf(v) : null;
          });
    }
    return row;
  }
}
