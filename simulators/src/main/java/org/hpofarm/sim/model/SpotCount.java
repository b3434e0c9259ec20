package org.hpofarm.sim.model;

import java.util.random.RandomGenerator;
import org.hpofarm.sim.shower.ShowerGenerator;

/**
 * The energy-spot statistics of a training set, learned from its showers: a shower deposits its
 * energy in equal quanta (spots), so each voxel holds a whole number of them and the smallest
 * non-empty voxel of a shower holds about one. Fitted as ln N = a + b·c (N spots per shower, c the
 * incident-energy condition), it lets a model whose decoder gives smooth mean fractions draw the
 * voxel-level fluctuations that the data has: n_v ~ Poisson(N·f_v), f'_v = n_v / Σ n. Those
 * fluctuations move each shower's per-layer centroids and widths, which a decoder cannot carry
 * through a latent space of a few dozen dimensions.
 *
 * @param intercept a of ln N = a + b·c
 * @param slope b of ln N = a + b·c
 */
public record SpotCount(double intercept, double slope) {

  /** Fits the spot count to showers in network space: N rows of {@code width} values. */
  public static SpotCount fit(float[] x, float[] conditions, int width, VoxelScale scale) {
    int voxels = width - 1;
    double norm = Math.log1p(1 / scale.delta());
    double sc = 0;
    double sl = 0;
    double scc = 0;
    double scl = 0;
    int n = 0;
    for (int i = 0; i < conditions.length; i++) {
      float smallest = Float.MAX_VALUE;
      for (int v = 0; v < voxels; v++) {
        float y = x[i * width + v];
        if (y > 0 && y < smallest) {
          smallest = y;
        }
      }
      if (smallest == Float.MAX_VALUE) {
        continue;
      }
      double quantum = scale.delta() * Math.expm1(smallest * norm); // fraction of the shower
      double lnN = -Math.log(quantum);
      double c = conditions[i];
      sc += c;
      sl += lnN;
      scc += c * c;
      scl += c * lnN;
      n++;
    }
    if (n < 2) {
      throw new IllegalArgumentException("spots: need at least two non-empty showers");
    }
    double var = scc - sc * sc / n;
    double slope = var > 1e-12 ? (scl - sc * sl / n) / var : 0;
    return new SpotCount((sl - slope * sc) / n, slope);
  }

  /** The expected number of spots of a shower with this condition. */
  public double spots(double condition) {
    return Math.exp(intercept + slope * condition);
  }

  /**
   * Redraws the shape of one shower in network space ({@code count} voxel values from {@code from})
   * as whole spots; the total-energy value after them is left alone.
   */
  public void resample(
      float[] y, int from, int count, float condition, VoxelScale scale, RandomGenerator rng) {
    double norm = Math.log1p(1 / scale.delta());
    double[] f = new double[count];
    double sum = 0;
    for (int v = 0; v < count; v++) {
      f[v] = scale.delta() * Math.expm1(Math.min(Math.max(y[from + v], 0), 1) * norm);
      sum += f[v];
    }
    if (!(sum > 0)) {
      return;
    }
    double spots = spots(condition);
    int[] k = new int[count];
    long total = 0;
    for (int v = 0; v < count; v++) {
      k[v] = ShowerGenerator.poisson(spots * f[v] / sum, rng);
      total += k[v];
    }
    if (total == 0) {
      return;
    }
    for (int v = 0; v < count; v++) {
      y[from + v] = (float) (Math.log1p((double) k[v] / total / scale.delta()) / norm);
    }
  }
}
