package org.hpofarm.master.sampler.gp;

import org.apache.commons.math3.special.Erf;

/**
 * The logarithm of the expected improvement below an incumbent value of a Gaussian predictive
 * distribution, computed without underflow far from the incumbent.
 *
 * <pre>
 * Design notes.
 * - EI(mu, sigma; best) = sigma h(z), z = (best - mu) / sigma, h(z) = z Phi(z) + phi(z)
 *   (Jones, Schonlau and Welch, "Efficient global optimization", 1998).
 * - h underflows to 0 for z below about -38 and loses all precision well before, which leaves
 *   the acquisition flat exactly where a maximiser needs a slope. Following Ament et al.,
 *   "Unexpected improvements to expected improvement for Bayesian optimization" (NeurIPS 2023),
 *   log h is computed directly: for z > -3 from the closed form, below from
 *   h(z) = phi(z) T / (|z| + T), where T = 1/(x + 2/(x + 3/(x + ...))) is the tail of the
 *   Laplace continued fraction of the Mills ratio 1/(x + 1/(x + 2/(x + ...))), x = -z.
 * </pre>
 */
final class LogExpectedImprovement {

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double SQRT2 = Math.sqrt(2);

  private LogExpectedImprovement() {}

  /** log EI of a predictive N(mean, sd^2) below {@code best} (minimisation). */
  static double of(double mean, double sd, double best) {
    if (!(sd > 0)) {
      double gain = best - mean;
      return gain > 0 ? Math.log(gain) : Double.NEGATIVE_INFINITY;
    }
    return Math.log(sd) + logH((best - mean) / sd);
  }

  /** log(z Phi(z) + phi(z)). */
  static double logH(double z) {
    if (z > -3) {
      double cdf = 0.5 * Erf.erfc(-z / SQRT2);
      double pdf = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
      return Math.log(z * cdf + pdf);
    }
    double x = -z;
    double t = 0;
    for (int k = 60; k >= 2; k--) {
      t = k / (x + t);
    }
    t = 1 / (x + t);
    return -0.5 * x * x - LOG_SQRT_2PI + Math.log(t) - Math.log(x + t);
  }
}
