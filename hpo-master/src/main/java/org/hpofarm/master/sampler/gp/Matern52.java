package org.hpofarm.master.sampler.gp;

import smile.math.kernel.Matern;

/**
 * The Matérn 5/2 correlation of two points whose coordinates are already divided by their length
 * scales: Smile's isotropic {@link Matern} kernel of length scale 1, which is how a per-coordinate
 * (ARD) kernel is made out of an isotropic one: scale the inputs, keep the length 1.
 *
 * <p>The hyperparameter fit does not use Smile's gradient ({@code Matern.kg}): for nu = 5/2 it is
 * not the derivative of the value (see {@code MarginalLikelihood} for the one used).
 */
final class Matern52 {

  private static final Matern UNIT = new Matern(1.0, 2.5, 1e-5, 1e5);

  private Matern52() {}

  /** The correlation at squared scaled distance {@code r2}. */
  static double kSquared(double r2) {
    return UNIT.k(Math.sqrt(r2));
  }
}
