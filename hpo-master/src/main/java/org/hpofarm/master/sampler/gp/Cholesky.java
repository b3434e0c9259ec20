package org.hpofarm.master.sampler.gp;

/**
 * The lower-triangular Cholesky factor of a symmetric positive-definite matrix, with the solves a
 * Gaussian process needs; a failed factorisation retries with a growing diagonal jitter.
 */
final class Cholesky {

  private final double[][] l;
  private final double jitter;

  private Cholesky(double[][] l, double jitter) {
    this.l = l;
    this.jitter = jitter;
  }

  /** Factorises {@code a} (only its lower triangle is read; it is not modified). */
  static Cholesky of(double[][] a) {
    int n = a.length;
    double scale = 0;
    for (int i = 0; i < n; i++) {
      scale = Math.max(scale, Math.abs(a[i][i]));
    }
    double jitter = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
      double[][] l = tryFactor(a, jitter);
      if (l != null) {
        return new Cholesky(l, jitter);
      }
      jitter = jitter == 0 ? 1e-10 * Math.max(scale, 1e-300) : jitter * 100;
    }
    throw new ArithmeticException("matrix is not positive definite");
  }

  private static double[][] tryFactor(double[][] a, double jitter) {
    int n = a.length;
    double[][] l = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] li = new double[i + 1];
      double[] ai = a[i];
      for (int j = 0; j < i; j++) {
        double[] lj = l[j];
        double s = ai[j];
        for (int k = 0; k < j; k++) {
          s -= li[k] * lj[k];
        }
        li[j] = s / lj[j];
      }
      double s = ai[i] + jitter;
      for (int k = 0; k < i; k++) {
        s -= li[k] * li[k];
      }
      if (!(s > 0)) {
        return null;
      }
      li[i] = Math.sqrt(s);
      l[i] = li;
    }
    return l;
  }

  int size() {
    return l.length;
  }

  /** The diagonal jitter that was added to make the factorisation succeed (usually 0). */
  double jitter() {
    return jitter;
  }

  /** Solves L v = b (forward substitution); {@code b} is overwritten with v and returned. */
  double[] forward(double[] b) {
    int n = l.length;
    for (int i = 0; i < n; i++) {
      double[] li = l[i];
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= li[k] * b[k];
      }
      b[i] = s / li[i];
    }
    return b;
  }

  /** Solves L^T v = b (back substitution); {@code b} is overwritten with v and returned. */
  double[] backward(double[] b) {
    int n = l.length;
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i] / l[i][i];
      b[i] = s;
      double[] li = l[i];
      for (int k = 0; k < i; k++) {
        b[k] -= li[k] * s;
      }
    }
    return b;
  }

  /** Solves (L L^T) v = b into a new array. */
  double[] solve(double[] b) {
    return backward(forward(b.clone()));
  }

  /** log det(L L^T). */
  double logDeterminant() {
    double s = 0;
    for (int i = 0; i < l.length; i++) {
      s += Math.log(l[i][i]);
    }
    return 2 * s;
  }

  /** The full inverse (L L^T)^-1 as a dense symmetric matrix. */
  double[][] inverse() {
    int n = l.length;
    // M = L^-1, lower triangular, row by row.
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] mi = new double[i + 1];
      double[] li = l[i];
      mi[i] = 1 / li[i];
      for (int j = 0; j < i; j++) {
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= li[k] * m[k][j];
        }
        mi[j] = s / li[i];
      }
      m[i] = mi;
    }
    // A^-1 = M^T M: entry (i, j) = sum over k >= max(i, j) of m[k][i] m[k][j].
    double[][] inv = new double[n][n];
    for (int k = 0; k < n; k++) {
      double[] mk = m[k];
      for (int i = 0; i <= k; i++) {
        double v = mk[i];
        if (v == 0) {
          continue;
        }
        double[] row = inv[i];
        for (int j = 0; j <= i; j++) {
          row[j] += v * mk[j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        inv[j][i] = inv[i][j];
      }
    }
    return inv;
  }
}
