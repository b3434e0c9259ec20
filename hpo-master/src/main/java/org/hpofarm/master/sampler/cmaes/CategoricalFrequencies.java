package org.hpofarm.master.sampler.cmaes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.History;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.trial.Trial;

/**
 * How CMA-ES chooses categorical values, which have no place in its continuous distribution: each
 * categorical independently, with probability proportional to the (smoothed) share of the trials
 * with that choice that are among the best, the top {@code quantile} of completed trials in which
 * the parameter is active.
 *
 * <p>With no history every choice is equally likely; as results accumulate, the choices whose
 * trials tend to be good dominate while every choice keeps a non-zero chance.
 */
final class CategoricalFrequencies {

  private final double quantile;

  CategoricalFrequencies(double quantile) {
    this.quantile = quantile;
  }

  /** A choice of {@code p} given the completed trials of {@code history}. */
  Object choose(Parameter p, History history, List<Trial> rankedCompleted, RandomGenerator rng) {
    Categorical cat = (Categorical) p.distribution();
    double[] weight = weights(p, rankedCompleted);
    double total = 0;
    for (double w : weight) {
      total += w;
    }
    double u = rng.nextDouble() * total;
    for (int k = 0; k < weight.length; k++) {
      u -= weight[k];
      if (u < 0) {
        return cat.choices().get(k);
      }
    }
    return cat.choices().get(weight.length - 1);
  }

  /**
   * The weight of each choice of {@code p}: the smoothed share of the trials with that choice that
   * are among the best, {@code (good + q) / (all + 1)}, q the quantile. Dividing by how often a
   * choice was tried keeps an early favourite from winning merely by being sampled more.
   */
  double[] weights(Parameter p, List<Trial> rankedCompleted) {
    Categorical cat = (Categorical) p.distribution();
    int k = cat.choices().size();
    double[] good = new double[k];
    double[] all = new double[k];
    List<Trial> active = new ArrayList<>();
    for (Trial t : rankedCompleted) {
      if (t.params().containsKey(p.name())) {
        active.add(t);
      }
    }
    int top = (int) Math.ceil(quantile * active.size());
    for (int r = 0; r < active.size(); r++) {
      int idx = cat.indexOf(active.get(r).params().get(p.name()));
      if (idx >= 0) {
        all[idx]++;
        if (r < top) {
          good[idx]++;
        }
      }
    }
    double[] weight = new double[k];
    for (int c = 0; c < k; c++) {
      weight[c] = (good[c] + quantile) / (all[c] + 1);
    }
    return weight;
  }

  /** Completed trials with a finite loss, best first. */
  static List<Trial> ranked(History history) {
    return history.completed().stream()
        .filter(t -> !t.values().isEmpty() && Double.isFinite(history.loss(t)))
        .sorted(Comparator.comparingDouble(history::loss))
        .toList();
  }
}
