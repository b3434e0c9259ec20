package org.hpofarm.master.sampler.gp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Chooses which completed trials a Gaussian process is trained on when there are more than it can
 * afford: the best half of the budget by loss, and a uniform random sample of the others, so the
 * model is precise where it matters and still knows the rest of the space.
 */
final class TrainingSet {

  private TrainingSet() {}

  /** Indices into {@code losses} (all of them when there are at most {@code cap}), ascending. */
  static List<Integer> select(double[] losses, int cap, RandomGenerator rng) {
    int n = losses.length;
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    if (n <= cap) {
      return all;
    }
    List<Integer> byLoss = new ArrayList<>(all);
    byLoss.sort(
        Comparator.comparingDouble(
            i -> Double.isFinite(losses[i]) ? losses[i] : Double.POSITIVE_INFINITY));
    int bestCount = cap / 2;
    List<Integer> chosen = new ArrayList<>(byLoss.subList(0, bestCount));
    List<Integer> rest = new ArrayList<>(byLoss.subList(bestCount, n));
    for (int k = 0; k < cap - bestCount; k++) {
      int j = k + rng.nextInt(rest.size() - k);
      Integer tmp = rest.get(k);
      rest.set(k, rest.get(j));
      rest.set(j, tmp);
      chosen.add(rest.get(k));
    }
    chosen.sort(null);
    return chosen;
  }
}
