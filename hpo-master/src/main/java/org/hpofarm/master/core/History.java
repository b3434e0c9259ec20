package org.hpofarm.master.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * What a sampler or pruner sees of a study: its directions and every trial so far, finished and
 * pending, in number order.
 */
public record History(List<Direction> directions, List<Trial> trials) {

  public History {
    if (directions.isEmpty()) {
      throw new IllegalArgumentException("a study needs at least one direction");
    }
    directions = List.copyOf(directions);
    trials = List.copyOf(trials);
  }

  public static History empty(Direction... directions) {
    return new History(List.of(directions), List.of());
  }

  public boolean isMultiObjective() {
    return directions.size() > 1;
  }

  /** COMPLETE trials. */
  public List<Trial> completed() {
    return trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
  }

  /** WAITING and RUNNING trials: points already handed out whose results are not in. */
  public List<Trial> pending() {
    return trials.stream().filter(Trial::isPending).toList();
  }

  /**
   * The single objective of a COMPLETE trial as a value to minimise (the sign of MAXIMIZE flipped).
   */
  public double loss(Trial t) {
    return directions.get(0).sign() * t.value();
  }

  /** The objectives of a COMPLETE trial as values to minimise. */
  public double[] losses(Trial t) {
    double[] out = new double[directions.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = directions.get(i).sign() * t.values().get(i);
    }
    return out;
  }

  /** The best COMPLETE trial of a single-objective study. */
  public Optional<Trial> best() {
    return completed().stream()
        .filter(t -> Double.isFinite(t.value()))
        .min(Comparator.comparingDouble(this::loss));
  }

  /** True when a trial of this history, in any state, already has exactly these params. */
  public boolean hasPoint(Map<String, Object> params) {
    for (Trial t : trials) {
      if (t.params().equals(params)) {
        return true;
      }
    }
    return false;
  }

  /** This history with one more trial (or a new version of one, by number). */
  public History with(Trial trial) {
    List<Trial> next = new ArrayList<>(trials.size() + 1);
    boolean replaced = false;
    for (Trial t : trials) {
      if (t.number() == trial.number()) {
        next.add(trial);
        replaced = true;
      } else {
        next.add(t);
      }
    }
    if (!replaced) {
      next.add(trial);
    }
    return new History(directions, next);
  }
}
