package org.hpofarm.sim.metric;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet distance between Gaussian fits of two feature samples, and its extrapolation to
 * infinite sample size (the Fréchet physics distance, FPD).
 */
public final class FrechetDistance {

  /*
   * FD = |μ1 − μ2|² + tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^½) (Heusel et al., NeurIPS 2017, for images; Kansal
   * et al., "Evaluating generative models in high energy physics", PRD 107 (2023) 076017, for
   * physics features). tr((Σ1 Σ2)^½) is computed as Σ √λ_i over the eigenvalues of the symmetric
   * matrix Σ1^½ Σ2 Σ1^½. FD is biased upward at finite N by a term ∝ 1/N; following Kansal et al.
   * (after Chong & Forsyth, CVPR 2020) FD is measured on random subsets of several sizes N_j and
   * the straight line FD(1/N) is extrapolated to 1/N = 0. Features are standardised with the
   * reference sample's mean and standard deviation first (features with no spread are dropped),
   * so the distance is dimensionless; layer energies enter as ln(1 + E/MeV).
   */

  private FrechetDistance() {}

  /** FD between the Gaussian fits of two samples (rows × dims, row-major). */
  public static double between(double[] a, int rowsA, double[] b, int rowsB, int dims) {
    double[] muA = mean(a, rowsA, dims);
    double[] muB = mean(b, rowsB, dims);
    RealMatrix covA = covariance(a, rowsA, dims, muA);
    RealMatrix covB = covariance(b, rowsB, dims, muB);
    double d2 = 0;
    for (int j = 0; j < dims; j++) {
      d2 += (muA[j] - muB[j]) * (muA[j] - muB[j]);
    }
    RealMatrix sqrtA = sqrtSymmetric(covA);
    RealMatrix inner = sqrtA.multiply(covB).multiply(sqrtA);
    inner = inner.add(inner.transpose()).scalarMultiply(0.5);
    double traceSqrt = 0;
    for (double ev : new EigenDecomposition(inner).getRealEigenvalues()) {
      traceSqrt += Math.sqrt(Math.max(ev, 0));
    }
    return d2 + covA.getTrace() + covB.getTrace() - 2 * traceSqrt;
  }

  /**
   * FPD: FD between the standardised features extrapolated to infinite size.
   *
   * @param reference reference features
   * @param other generated features
   * @param rng randomness for the subsets
   */
  public static double extrapolated(Features reference, Features other, RandomGenerator rng) {
    reference = logEnergies(reference);
    other = logEnergies(other);
    int dims = reference.count();
    double[] mean = mean(reference.values(), reference.rows(), dims);
    double[] sd = new double[dims];
    for (int i = 0; i < reference.rows(); i++) {
      for (int j = 0; j < dims; j++) {
        double d = reference.values()[i * dims + j] - mean[j];
        sd[j] += d * d;
      }
    }
    int kept = 0;
    int[] keep = new int[dims];
    for (int j = 0; j < dims; j++) {
      sd[j] = Math.sqrt(sd[j] / Math.max(reference.rows() - 1, 1));
      if (sd[j] > 1e-12) {
        keep[kept++] = j;
      }
    }
    double[] a = standardise(reference, mean, sd, keep, kept);
    double[] b = standardise(other, mean, sd, keep, kept);
    int n = Math.min(reference.rows(), other.rows());
    int points = 5;
    int draws = 3;
    double[] x = new double[points];
    double[] y = new double[points];
    for (int p = 0; p < points; p++) {
      int size = Math.max(kept + 2, n * (p + 1) / points);
      double sum = 0;
      for (int d = 0; d < draws; d++) {
        double[] sa = subset(a, reference.rows(), kept, size, rng);
        double[] sb = subset(b, other.rows(), kept, size, rng);
        sum += between(sa, size, sb, size, kept);
      }
      x[p] = 1.0 / size;
      y[p] = sum / draws;
    }
    double mx = 0;
    double my = 0;
    for (int p = 0; p < points; p++) {
      mx += x[p] / points;
      my += y[p] / points;
    }
    double sxy = 0;
    double sxx = 0;
    for (int p = 0; p < points; p++) {
      sxy += (x[p] - mx) * (y[p] - my);
      sxx += (x[p] - mx) * (x[p] - mx);
    }
    double slope = sxx > 0 ? sxy / sxx : 0;
    return my - slope * mx;
  }

  /** Layer energies span orders of magnitude: they enter the Gaussian fit as ln(1 + E/MeV). */
  private static Features logEnergies(Features f) {
    double[] v = f.values().clone();
    int dims = f.count();
    for (int j = 0; j < dims; j++) {
      if (f.names().get(j).startsWith("E_")) {
        for (int i = 0; i < f.rows(); i++) {
          v[i * dims + j] = Math.log1p(Math.max(v[i * dims + j], 0));
        }
      }
    }
    return new Features(f.names(), v);
  }

  private static double[] standardise(Features f, double[] mean, double[] sd, int[] keep, int k) {
    int dims = f.count();
    double[] out = new double[f.rows() * k];
    for (int i = 0; i < f.rows(); i++) {
      for (int j = 0; j < k; j++) {
        int c = keep[j];
        out[i * k + j] = (f.values()[i * dims + c] - mean[c]) / sd[c];
      }
    }
    return out;
  }

  private static double[] subset(double[] x, int rows, int dims, int size, RandomGenerator rng) {
    if (size >= rows) {
      return x;
    }
    int[] idx = new int[rows];
    for (int i = 0; i < rows; i++) {
      idx[i] = i;
    }
    double[] out = new double[size * dims];
    for (int i = 0; i < size; i++) {
      int j = i + rng.nextInt(rows - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      System.arraycopy(x, idx[i] * dims, out, i * dims, dims);
    }
    return out;
  }

  private static double[] mean(double[] x, int rows, int dims) {
    double[] m = new double[dims];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < dims; j++) {
        m[j] += x[i * dims + j];
      }
    }
    for (int j = 0; j < dims; j++) {
      m[j] /= Math.max(rows, 1);
    }
    return m;
  }

  private static RealMatrix covariance(double[] x, int rows, int dims, double[] mu) {
    double[][] c = new double[dims][dims];
    double[] d = new double[dims];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < dims; j++) {
        d[j] = x[i * dims + j] - mu[j];
      }
      for (int j = 0; j < dims; j++) {
        double dj = d[j];
        for (int k = j; k < dims; k++) {
          c[j][k] += dj * d[k];
        }
      }
    }
    for (int j = 0; j < dims; j++) {
      for (int k = j; k < dims; k++) {
        c[j][k] /= Math.max(rows - 1, 1);
        c[k][j] = c[j][k];
      }
    }
    return new Array2DRowRealMatrix(c, false);
  }

  private static RealMatrix sqrtSymmetric(RealMatrix m) {
    EigenDecomposition e = new EigenDecomposition(m);
    RealMatrix v = e.getV();
    double[] ev = e.getRealEigenvalues();
    double[][] d = new double[ev.length][ev.length];
    for (int i = 0; i < ev.length; i++) {
      d[i][i] = Math.sqrt(Math.max(ev[i], 0));
    }
    return v.multiply(new Array2DRowRealMatrix(d, false)).multiply(e.getVT());
  }
}
