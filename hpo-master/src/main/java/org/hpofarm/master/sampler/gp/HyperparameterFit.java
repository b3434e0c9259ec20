package org.hpofarm.master.sampler.gp;

import java.util.random.RandomGenerator;

/**
 * Fits the Gaussian process's hyperparameters (ARD length scales, signal and noise variance) by
 * maximising the marginal likelihood with weak priors, from a few starting points.
 *
 * <p>The first start is the prior's centre; the others perturb it randomly in log space. Each runs
 * a bounded L-BFGS on the analytic gradient for a fixed evaluation budget, so that the cost of a
 * fit is bounded by {@code starts * evaluations} Cholesky factorisations of the training set.
 */
final class HyperparameterFit {

  private HyperparameterFit() {}

  static Hyperparameters fit(
      double[][] x, double[] y, int starts, int evaluationsPerStart, RandomGenerator rng) {
    MarginalLikelihood nll = new MarginalLikelihood(x, y);
    double[] lo = nll.lower();
    double[] hi = nll.upper();
    double[] mode = nll.priorMode();
    double[] best = mode;
    double bestValue = Double.POSITIVE_INFINITY;
    for (int s = 0; s < starts; s++) {
      double[] start = mode.clone();
      if (s > 0) {
        for (int j = 0; j < start.length; j++) {
          start[j] = Math.min(hi[j], Math.max(lo[j], start[j] + rng.nextGaussian()));
        }
      }
      BoundedLbfgs.Result r = BoundedLbfgs.minimize(nll::value, start, lo, hi, evaluationsPerStart);
      if (r.value() < bestValue) {
        bestValue = r.value();
        best = r.x();
      }
    }
    return MarginalLikelihood.hyperparameters(best);
  }
}
