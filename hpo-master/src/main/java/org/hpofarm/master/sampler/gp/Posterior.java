package org.hpofarm.master.sampler.gp;

/**
 * The posterior of a zero-mean Gaussian process with a Matérn 5/2 ARD kernel given its training
 * points: predictive mean and variance at any point.
 *
 * <p>Inputs are divided by their length scales once, so every kernel value is Smile's isotropic
 * Matérn of length 1 on the scaled points.
 */
final class Posterior {

  private final Hyperparameters h;
  private final double[][] scaled;
  private final double[] invLength;
  private final Cholesky chol;
  private final double[] alpha;
  private final double[] y;
  private final double[][] x;

  Posterior(double[][] x, double[] y, Hyperparameters h) {
    int n = x.length;
    int d = h.dimension();
    this.h = h;
    this.x = x;
    this.y = y.clone();
    invLength = new double[d];
    for (int j = 0; j < d; j++) {
      invLength[j] = 1 / h.lengthScale(j);
    }
    scaled = new double[n][];
    for (int i = 0; i < n; i++) {
      scaled[i] = scale(x[i]);
    }
    double s2 = h.signalVariance();
    double[][] k = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] row = new double[i + 1];
      for (int j = 0; j < i; j++) {
        row[j] = s2 * Matern52.kSquared(distance2(scaled[i], scaled[j]));
      }
      row[i] = s2 + h.noiseVariance();
      k[i] = row;
    }
    chol = Cholesky.of(k);
    alpha = chol.solve(this.y);
  }

  /** This posterior with more training points (fantasies of pending trials, for example). */
  Posterior with(double[][] moreX, double[] moreY) {
    int n = x.length;
    double[][] ax = new double[n + moreX.length][];
    double[] ay = new double[n + moreX.length];
    System.arraycopy(x, 0, ax, 0, n);
    System.arraycopy(moreX, 0, ax, n, moreX.length);
    System.arraycopy(y, 0, ay, 0, n);
    System.arraycopy(moreY, 0, ay, n, moreY.length);
    return new Posterior(ax, ay, h);
  }

  Hyperparameters hyperparameters() {
    return h;
  }

  int size() {
    return x.length;
  }

  /** The training targets. */
  double target(int i) {
    return y[i];
  }

  double[] scale(double[] point) {
    double[] s = new double[point.length];
    for (int j = 0; j < point.length; j++) {
      s[j] = point[j] * invLength[j];
    }
    return s;
  }

  /**
   * Writes the predictive mean into {@code out[0]} and the predictive variance of the latent
   * function (without observation noise) into {@code out[1]}.
   */
  void predict(double[] point, double[] out) {
    int n = scaled.length;
    double[] p = scale(point);
    double[] k = new double[n];
    double s2 = h.signalVariance();
    double mean = 0;
    for (int i = 0; i < n; i++) {
      k[i] = s2 * Matern52.kSquared(distance2(p, scaled[i]));
      mean += k[i] * alpha[i];
    }
    chol.forward(k);
    double explained = 0;
    for (int i = 0; i < n; i++) {
      explained += k[i] * k[i];
    }
    out[0] = mean;
    out[1] = Math.max(s2 - explained, 1e-12 * s2);
  }

  private static double distance2(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double diff = a[j] - b[j];
      s += diff * diff;
    }
    return s;
  }
}
