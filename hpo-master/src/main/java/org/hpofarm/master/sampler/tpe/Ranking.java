package org.hpofarm.master.sampler.tpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * The trials a TPE ask learns from, best first: completed trials with finite objectives (by loss,
 * or by Pareto rank then crowding for several objectives), then the other finished ones (non-finite
 * objectives, pruned trials by how far they got), then — under the constant liar — pending ones.
 *
 * @param ranked trials best first
 * @param usable how many leading entries of {@code ranked} may enter the good set (completed with
 *     finite objectives)
 * @param finished how many leading entries are finished trials (the rest are pending)
 */
record Ranking(List<Trial> ranked, int usable, int finished) {

  /** Ranks {@code history} for a TPE ask. */
  static Ranking of(History history, boolean constantLiar) {
    List<Trial> good = new ArrayList<>();
    List<Trial> failedObjective = new ArrayList<>();
    List<Trial> pruned = new ArrayList<>();
    List<Trial> pending = new ArrayList<>();
    for (Trial t : history.trials()) {
      if (t.state() == TrialState.COMPLETE) {
        if (finite(history, t)) {
          good.add(t);
        } else {
          failedObjective.add(t);
        }
      } else if (t.state() == TrialState.PRUNED) {
        pruned.add(t);
      } else if (t.isPending() && constantLiar) {
        pending.add(t);
      }
    }
    List<Trial> sorted =
        history.isMultiObjective() ? paretoOrder(history, good) : byLoss(history, good);
    double sign = history.directions().get(0).sign();
    pruned.sort(
        Comparator.comparingInt((Trial t) -> -t.lastStep())
            .thenComparingDouble(t -> nanLast(sign * t.lastIntermediate())));
    List<Trial> ranked = new ArrayList<>(history.trials().size());
    ranked.addAll(sorted);
    ranked.addAll(failedObjective);
    ranked.addAll(pruned);
    int finished = ranked.size();
    ranked.addAll(pending);
    return new Ranking(ranked, sorted.size(), finished);
  }

  private static boolean finite(History history, Trial t) {
    if (t.values().size() < history.directions().size()) {
      return false;
    }
    for (int i = 0; i < history.directions().size(); i++) {
      if (!Double.isFinite(t.values().get(i))) {
        return false;
      }
    }
    return true;
  }

  private static double nanLast(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }

  /**
   * A trial and its loss, so that sorting reads a field instead of unboxing a value per compare.
   */
  private record Loss(double loss, Trial trial) {}

  /** Trials by increasing loss; a stable sort, so ties keep their history order. */
  private static List<Trial> byLoss(History history, List<Trial> trials) {
    double sign = history.directions().get(0).sign();
    Loss[] order = new Loss[trials.size()];
    for (int i = 0; i < order.length; i++) {
      Trial t = trials.get(i);
      order[i] = new Loss(sign * t.value(), t);
    }
    Arrays.sort(order, Comparator.comparingDouble(Loss::loss));
    List<Trial> out = new ArrayList<>(order.length);
    for (Loss l : order) {
      out.add(l.trial());
    }
    return out;
  }

  /**
   * Orders trials by non-domination rank (fronts of the non-dominated sort), and inside a front by
   * decreasing crowding distance, as MOTPE's split does with its hypervolume tie-break replaced by
   * the cheaper crowding distance.
   */
  private static List<Trial> paretoOrder(History history, List<Trial> trials) {
    int n = trials.size();
    double[][] f = new double[n][];
    for (int i = 0; i < n; i++) {
      f[i] = history.losses(trials.get(i));
    }
    int[] dominatedBy = new int[n];
    List<List<Integer>> dominates = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      dominates.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (dominates(f[i], f[j])) {
          dominates.get(i).add(j);
          dominatedBy[j]++;
        } else if (dominates(f[j], f[i])) {
          dominates.get(j).add(i);
          dominatedBy[i]++;
        }
      }
    }
    List<Trial> out = new ArrayList<>(n);
    List<Integer> front = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (dominatedBy[i] == 0) {
        front.add(i);
      }
    }
    while (!front.isEmpty()) {
      double[] crowd = crowding(f, front);
      Integer[] order = new Integer[front.size()];
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
      Arrays.sort(order, Comparator.comparingDouble(k -> -crowd[k]));
      List<Integer> next = new ArrayList<>();
      for (Integer k : order) {
        int i = front.get(k);
        out.add(trials.get(i));
        for (int j : dominates.get(i)) {
          if (--dominatedBy[j] == 0) {
            next.add(j);
          }
        }
      }
      front = next;
    }
    return out;
  }

  private static boolean dominates(double[] a, double[] b) {
    boolean strict = false;
    for (int k = 0; k < a.length; k++) {
      if (a[k] > b[k]) {
        return false;
      }
      if (a[k] < b[k]) {
        strict = true;
      }
    }
    return strict;
  }

  private static double[] crowding(double[][] f, List<Integer> front) {
    int m = front.size();
    double[] crowd = new double[m];
    int objectives = f[front.get(0)].length;
    Integer[] order = new Integer[m];
    for (int o = 0; o < objectives; o++) {
      final int obj = o;
      for (int k = 0; k < m; k++) {
        order[k] = k;
      }
      Arrays.sort(order, Comparator.comparingDouble(k -> f[front.get(k)][obj]));
      double lo = f[front.get(order[0])][o];
      double hi = f[front.get(order[m - 1])][o];
      crowd[order[0]] = Double.POSITIVE_INFINITY;
      crowd[order[m - 1]] = Double.POSITIVE_INFINITY;
      if (hi > lo) {
        for (int k = 1; k < m - 1; k++) {
          crowd[order[k]] +=
              (f[front.get(order[k + 1])][o] - f[front.get(order[k - 1])][o]) / (hi - lo);
        }
      }
    }
    return crowd;
  }
}
