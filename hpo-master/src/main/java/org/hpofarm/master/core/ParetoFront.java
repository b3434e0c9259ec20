package org.hpofarm.master.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hpofarm.master.trial.Trial;

/**
 * The Pareto front of a study: the completed trials that no other completed trial dominates, with
 * the non-dominated sorting and crowding distance that rank points by several objectives.
 *
 * <p>All objective vectors here are values to minimise (see {@link History#losses}); NaN counts as
 * the worst possible value.
 */
public final class ParetoFront {

  /*
   * Design notes.
   *
   * Non-dominated sorting (Deb, Pratap, Agarwal, Meyarivan, "A fast and elitist multiobjective
   * genetic algorithm: NSGA-II", IEEE TEVC 6(2), 2002) splits points into fronts F1, F2, ...: F1
   * holds the points no other point dominates, F2 those dominated only by F1, and so on. Deb's
   * "fast" sort keeps an N x N domination bookkeeping; here fronts are peeled one at a time with an
   * archive (each point is compared against the current front candidates only), which costs
   * O(M N |F|) per front, needs no quadratic memory, and stops as soon as the caller has the number
   * of points it needs (an elitist selection of P from N rarely needs more than a few fronts).
   *
   * The archive pass is correct because domination is transitive: a point dropped because an
   * archive member dominates it stays dominated by whichever point later evicts that member.
   *
   * Crowding distance (same paper, section III-B): for each objective, sort the front, give both
   * extremes infinite distance, and add to every interior point the normalised gap between its two
   * neighbours. It prefers points in sparse regions of the front when a front must be cut.
   */

  private ParetoFront() {}

  /** True when {@code a} is no worse than {@code b} in every objective and better in one. */
  public static boolean dominates(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "objective vectors differ in length: " + a.length + " vs " + b.length);
    }
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      double x = worstIfNaN(a[i]);
      double y = worstIfNaN(b[i]);
      if (x > y) {
        return false;
      }
      if (x < y) {
        better = true;
      }
    }
    return better;
  }

  /**
   * Sorts {@code points} into fronts of indices: front 0 is non-dominated, front 1 is non-dominated
   * once front 0 is removed, and so on. Indices within a front are ascending.
   */
  public static List<int[]> sort(List<double[]> points) {
    return sort(points, points.size());
  }

  /**
   * Like {@link #sort(List)}, but stops once the fronts returned hold at least {@code enough}
   * points (the last front is whole).
   */
  public static List<int[]> sort(List<double[]> points, int enough) {
    List<int[]> fronts = new ArrayList<>();
    int[] remaining = new int[points.size()];
    Arrays.setAll(remaining, i -> i);
    int left = remaining.length;
    int taken = 0;
    while (left > 0 && taken < enough) {
      int[] front = firstFront(points, remaining, left);
      fronts.add(front);
      taken += front.length;
      int next = 0;
      int f = 0;
      for (int k = 0; k < left; k++) {
        int idx = remaining[k];
        if (f < front.length && front[f] == idx) {
          f++;
        } else {
          remaining[next++] = idx;
        }
      }
      left = next;
    }
    return fronts;
  }

  /**
   * The crowding distance of each member of {@code front} (indices into {@code points}), in the
   * order of {@code front}. Extremes of every objective get {@link Double#POSITIVE_INFINITY}.
   */
  public static double[] crowding(List<double[]> points, int[] front) {
    int n = front.length;
    double[] distance = new double[n];
    if (n == 0) {
      return distance;
    }
    int objectives = points.get(front[0]).length;
    Integer[] order = new Integer[n];
    for (int m = 0; m < objectives; m++) {
      final int obj = m;
      for (int k = 0; k < n; k++) {
        order[k] = k;
      }
      Arrays.sort(order, Comparator.comparingDouble(k -> worstIfNaN(points.get(front[k])[obj])));
      double lo = worstIfNaN(points.get(front[order[0]])[obj]);
      double hi = worstIfNaN(points.get(front[order[n - 1]])[obj]);
      distance[order[0]] = Double.POSITIVE_INFINITY;
      distance[order[n - 1]] = Double.POSITIVE_INFINITY;
      double range = hi - lo;
      if (!(range > 0) || Double.isInfinite(range)) {
        continue;
      }
      for (int k = 1; k < n - 1; k++) {
        double gap =
            worstIfNaN(points.get(front[order[k + 1]])[obj])
                - worstIfNaN(points.get(front[order[k - 1]])[obj]);
        distance[order[k]] += gap / range;
      }
    }
    return distance;
  }

  /**
   * The completed trials of {@code history} with finite values that no other such trial dominates,
   * in number order. For a single objective, these are the trials sharing the best value.
   */
  public static List<Trial> of(History history) {
    List<Trial> candidates = new ArrayList<>();
    List<double[]> losses = new ArrayList<>();
    for (Trial t : history.completed()) {
      if (t.values().size() != history.directions().size()) {
        continue;
      }
      double[] l = history.losses(t);
      if (Arrays.stream(l).allMatch(Double::isFinite)) {
        candidates.add(t);
        losses.add(l);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    int[] front = sort(losses, 1).get(0);
    List<Trial> out = new ArrayList<>(front.length);
    for (int idx : front) {
      out.add(candidates.get(idx));
    }
    out.sort(Comparator.comparingInt(Trial::number));
    return List.copyOf(out);
  }

  /** The non-dominated members of {@code remaining[0..left)}, ascending. */
  private static int[] firstFront(List<double[]> points, int[] remaining, int left) {
    int[] archive = new int[left];
    int size = 0;
    for (int k = 0; k < left; k++) {
      int candidate = remaining[k];
      double[] p = points.get(candidate);
      boolean dominated = false;
      int keep = 0;
      for (int a = 0; a < size; a++) {
        double[] q = points.get(archive[a]);
        if (!dominated && dominates(q, p)) {
          dominated = true;
          break;
        }
        if (!dominates(p, q)) {
          archive[keep++] = archive[a];
        }
      }
      if (!dominated) {
        archive[keep++] = candidate;
        size = keep;
      }
    }
    int[] front = Arrays.copyOf(archive, size);
    Arrays.sort(front);
    return front;
  }

  private static double worstIfNaN(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }
}
