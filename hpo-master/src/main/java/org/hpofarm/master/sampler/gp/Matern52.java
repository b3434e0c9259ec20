package org.hpofarm.master.sampler.gp;

import smile.math.kernel.Matern;

/**
 * The Matérn 5/2 correlation of two points whose coordinates are already divided by their length
 * scales, with the derivative that the marginal-likelihood fit needs.
 *
 * <p>The value comes from Smile's isotropic {@link Matern} kernel of length scale 1, which is what
 * makes a per-coordinate (ARD) kernel out of an isotropic one: scale the inputs, keep the length 1.
 * The derivative is computed here, because Smile's Matérn gradient (with respect to its length
 * scale) is not the derivative of its value for nu = 5/2.
 */
final class Matern52 {

  private static final double SQRT5 = Math.sqrt(5);
  private static final Matern UNIT = new Matern(1.0, 2.5, 1e-5, 1e5);

  private Matern52() {}

  /** The correlation at scaled distance {@code r}. */
  static double k(double r) {
    return UNIT.k(r);
  }

  /** The correlation at squared scaled distance {@code r2}. */
  static double kSquared(double r2) {
    return UNIT.k(Math.sqrt(r2));
  }

  /**
   * {@code -dk/dr / r} at scaled distance {@code sqrt(r2)}: (5/3)(1 + sqrt5 r) exp(-sqrt5 r). The
   * derivative of k with respect to the log length scale of coordinate j is this times (delta_j /
   * l_j)^2.
   */
  static double slope(double r2) {
    double a = SQRT5 * Math.sqrt(r2);
    return 5.0 / 3.0 * (1 + a) * Math.exp(-a);
  }
}
