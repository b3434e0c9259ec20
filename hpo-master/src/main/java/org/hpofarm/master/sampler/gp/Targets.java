package org.hpofarm.master.sampler.gp;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.special.Erf;

/**
 * How the Gaussian process sees objective values: losses (lower is better) turned into targets of
 * mean 0 and unit scale, either standardised or by their normal scores (a rank-based warping).
 *
 * <pre>
 * Design notes.
 * - Heavy right tails (Rosenbrock-like losses spanning orders of magnitude, diverging training
 *   runs) make a stationary GP fit the outliers and flatten the region that matters. Normal scores
 *   (the Gaussian copula transform of Salinas, Shen and Perrone, "A quantile-based approach for
 *   hyperparameter transfer learning", ICML 2020; see also the output warping of Cowen-Rivers et
 *   al., HEBO, JAIR 2022) keep only the order, which is all that minimisation needs, and give the
 *   GP well-behaved Gaussian marginals.
 * - Non-finite losses (failed or diverged evaluations that still reported) become the worst
 *   finite loss, so the model learns to avoid the region.
 * </pre>
 */
enum Targets {
  /** (y - mean) / sd. */
  STANDARD,
  /** Normal scores Phi^-1((rank - 1/2) / n), ties sharing their mean rank. */
  RANK;

  static Targets parse(String name) {
    return switch (name) {
      case "standard" -> STANDARD;
      case "rank" -> RANK;
      case null, default ->
          throw new IllegalArgumentException(
              "sampler.transform: must be rank or standard, got '" + name + "'");
    };
  }

  /** The targets of {@code losses} (a new array; non-finite values count as the worst). */
  double[] apply(double[] losses) {
    int n = losses.length;
    double[] y = losses.clone();
    double worst = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      if (Double.isFinite(v)) {
        worst = Math.max(worst, v);
      }
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(y[i])) {
        y[i] = Double.isFinite(worst) ? worst : 0;
      }
    }
    return switch (this) {
      case STANDARD -> standardise(y);
      case RANK -> standardise(normalScores(y));
    };
  }

  private static double[] normalScores(double[] y) {
    int n = y.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
    double[] z = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && y[order[j + 1]] == y[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1; // mean 1-based rank of the tie group
      double p = (rank - 0.5) / n;
      double score = -Math.sqrt(2) * Erf.erfcInv(2 * p);
      for (int k = i; k <= j; k++) {
        z[order[k]] = score;
      }
      i = j + 1;
    }
    return z;
  }

  private static double[] standardise(double[] y) {
    int n = y.length;
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    double sd = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = sd > 0 ? (y[i] - mean) / sd : 0;
    }
    return out;
  }
}
