package org.hpofarm.sim.metric;

import java.util.Arrays;

/**
 * The separation power of two histograms, S = ½ Σ_i (h1_i − h2_i)² / (h1_i + h2_i) for normalised
 * histograms h1, h2: 0 for identical distributions, 1 for disjoint ones. Binning is fixed by the
 * reference sample.
 */
public final class SeparationPower {

  /*
   * The measure used in the Fast Calorimeter Simulation Challenge 2022 evaluation (after the
   * "separation" of TMVA, Hoecker et al., physics/0703039). The challenge fixes the bins per
   * feature by hand; here the bins are equal-probability bins of the reference sample (its
   * quantiles at k/B), with the outer bins open, so that every feature gets a binning suited to
   * its distribution and a generated sample outside the reference's range still lands in a bin.
   * Ties in the reference (empty layers, sparsities) merge bins.
   */

  /** Default number of bins. */
  public static final int BINS = 30;

  private final double[] edges;

  private SeparationPower(double[] edges) {
    this.edges = edges;
  }

  /** Equal-probability bins of the reference values. */
  public static SeparationPower binnedOn(double[] reference, int bins) {
    if (bins < 2) {
      throw new IllegalArgumentException("separation.bins: must be >= 2, got " + bins);
    }
    if (reference.length == 0) {
      throw new IllegalArgumentException("separation.reference: must not be empty");
    }
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    double[] edges = new double[bins - 1];
    int n = 0;
    for (int k = 1; k < bins; k++) {
      double q = sorted[(int) Math.min(sorted.length - 1, (long) k * sorted.length / bins)];
      if (n == 0 || q > edges[n - 1]) {
        edges[n++] = q;
      }
    }
    return new SeparationPower(Arrays.copyOf(edges, n));
  }

  /** Number of bins. */
  public int bins() {
    return edges.length + 1;
  }

  /** Normalised histogram of the values in this binning. */
  public double[] histogram(double[] values) {
    double[] h = new double[bins()];
    for (double v : values) {
      h[bin(v)]++;
    }
    for (int i = 0; i < h.length; i++) {
      h[i] /= Math.max(values.length, 1);
    }
    return h;
  }

  /** Separation power between two samples in this binning. */
  public double between(double[] a, double[] b) {
    return of(histogram(a), histogram(b));
  }

  /** Separation power between two normalised histograms. */
  public static double of(double[] h1, double[] h2) {
    if (h1.length != h2.length) {
      throw new IllegalArgumentException("separation: histograms differ in length");
    }
    double s = 0;
    for (int i = 0; i < h1.length; i++) {
      double sum = h1[i] + h2[i];
      if (sum > 0) {
        double d = h1[i] - h2[i];
        s += d * d / sum;
      }
    }
    return 0.5 * s;
  }

  private int bin(double v) {
    if (Double.isNaN(v)) {
      return bins() - 1;
    }
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (v <= edges[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
