package org.hpofarm.master.sampler.tpe;

/**
 * The standard normal cumulative distribution function, computed fast enough to normalise thousands
 * of truncated kernels per ask.
 */
final class StandardNormal {

  /*
   * Abramowitz and Stegun (1964), formula 7.1.26: erf(x) = 1 - (a1 t + ... + a5 t^5) exp(-x^2)
   * with t = 1 / (1 + p x), absolute error below 1.5e-7. Kernel centres lie inside [0, 1], so the
   * mass of a truncated kernel is at least about 0.34 and this absolute error is a relative error
   * below 1e-6 of the normalising constant.
   */

  private static final double P = 0.3275911;
  private static final double A1 = 0.254829592;
  private static final double A2 = -0.284496736;
  private static final double A3 = 1.421413741;
  private static final double A4 = -1.453152027;
  private static final double A5 = 1.061405429;
  private static final double INV_SQRT2 = 1 / Math.sqrt(2);

  private StandardNormal() {}

  /** P(Z <= z) for a standard normal Z. */
  static double cdf(double z) {
    double x = Math.abs(z) * INV_SQRT2;
    double t = 1 / (1 + P * x);
    double tail = 0.5 * t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))) * Math.exp(-x * x);
    return z >= 0 ? 1 - tail : tail;
  }
}
