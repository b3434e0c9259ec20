package org.hpofarm.master.sampler.gp;

/**
 * The negative log marginal likelihood of a zero-mean Gaussian process with a Matérn 5/2 ARD
 * kernel, plus weak log-normal priors on its hyperparameters, as a function of the log
 * hyperparameters {@code theta = (log l_1 .. log l_D, log signal variance, log noise variance)},
 * with its analytic gradient.
 *
 * <pre>
 * Design notes.
 * - NLL = 1/2 y^T K^-1 y + 1/2 log det K + n/2 log 2 pi  (Rasmussen and Williams 2006, eq. 5.8);
 *   dNLL/dtheta = 1/2 tr((K^-1 - alpha alpha^T) dK/dtheta), alpha = K^-1 y (eq. 5.9).
 * - For Matérn 5/2 with r^2 = sum_j (delta_j / l_j)^2 and a = sqrt5 r,
 *   k = s2 (1 + a + a^2/3) exp(-a) (Matern52, computed inline here to share one exp with the
 *   derivative, since this loop is the cost of the fit);
 *   dk/d log l_j = s2 * (5/3)(1 + sqrt5 r) exp(-sqrt5 r) * (delta_j / l_j)^2, which needs no
 *   division by r (safe at r = 0).
 * - The priors are weak log-normals (MAP rather than ML): length scales centred on 0.35 sqrt(D)
 *   in the unit cube, following the dimension-scaled prior of Hvarfner, Hellsten and Nardi,
 *   "Vanilla Bayesian optimization performs great in high dimensions" (ICML 2024); signal variance
 *   centred on 1 (the targets are standardised); noise centred on 1e-4 (most objectives here are
 *   close to deterministic), wide enough to learn real noise.
 * </pre>
 */
final class MarginalLikelihood {

  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final double SQRT5 = Math.sqrt(5);

  private final double[][] x;
  private final double[] y;
  private final int n;
  private final int d;
  private final double lengthPriorMean;
  private final double lengthPriorSd;
  private final double signalPriorSd;
  private final double noisePriorMean;
  private final double noisePriorSd;

  /**
   * @param x the inputs (n rows of D coordinates in the unit cube); not copied, not modified
   * @param y the standardised targets
   */
  MarginalLikelihood(double[][] x, double[] y) {
    this.x = x;
    this.y = y;
    this.n = x.length;
    this.d = n == 0 ? 0 : x[0].length;
    this.lengthPriorMean = Math.log(0.35 * Math.sqrt(Math.max(1, d)));
    this.lengthPriorSd = 1.5;
    this.signalPriorSd = 1.5;
    this.noisePriorMean = Math.log(1e-4);
    this.noisePriorSd = 3.0;
  }

  int parameters() {
    return d + 2;
  }

  /** The log hyperparameters at the centre of the priors: a starting point for the fit. */
  double[] priorMode() {
    double[] theta = new double[d + 2];
    java.util.Arrays.fill(theta, 0, d, lengthPriorMean);
    theta[d] = 0;
    theta[d + 1] = noisePriorMean;
    return theta;
  }

  /** Lower bounds of the log hyperparameters. */
  double[] lower() {
    double[] lo = new double[d + 2];
    java.util.Arrays.fill(lo, 0, d, Math.log(0.01));
    lo[d] = Math.log(0.05);
    lo[d + 1] = Math.log(1e-6);
    return lo;
  }

  /** Upper bounds of the log hyperparameters. */
  double[] upper() {
    double[] hi = new double[d + 2];
    java.util.Arrays.fill(hi, 0, d, Math.log(30));
    hi[d] = Math.log(20);
    hi[d + 1] = Math.log(1.0);
    return hi;
  }

  static Hyperparameters hyperparameters(double[] theta) {
    int d = theta.length - 2;
    double[] ls = new double[d];
    for (int j = 0; j < d; j++) {
      ls[j] = Math.exp(theta[j]);
    }
    return new Hyperparameters(ls, Math.exp(theta[d]), Math.exp(theta[d + 1]));
  }

  /**
   * The negative log posterior of the hyperparameters at {@code theta}; fills {@code grad} with its
   * gradient when {@code grad} is not null.
   */
  double value(double[] theta, double[] grad) {
    double[] inv2 = new double[d];
    for (int j = 0; j < d; j++) {
      inv2[j] = Math.exp(-2 * theta[j]);
    }
    double s2 = Math.exp(theta[d]);
    double noise = Math.exp(theta[d + 1]);
    double[][] k = new double[n][n];
    double[][] corr = grad == null ? null : new double[n][];
    for (int i = 0; i < n; i++) {
      double[] xi = x[i];
      if (corr != null) {
        corr[i] = new double[i];
      }
      for (int jj = 0; jj < i; jj++) {
        double[] xj = x[jj];
        double r2 = 0;
        for (int c = 0; c < d; c++) {
          double diff = xi[c] - xj[c];
          r2 += diff * diff * inv2[c];
        }
        double a = SQRT5 * Math.sqrt(r2);
        double e = Math.exp(-a);
        k[i][jj] = s2 * (1 + a + a * a / 3) * e;
        if (corr != null) {
          corr[i][jj] = s2 * 5.0 / 3.0 * (1 + a) * e;
        }
      }
      k[i][i] = s2 + noise;
    }
    Cholesky chol = Cholesky.of(k);
    double[] alpha = chol.solve(y);
    double fit = 0;
    for (int i = 0; i < n; i++) {
      fit += y[i] * alpha[i];
    }
    double nll = 0.5 * fit + 0.5 * chol.logDeterminant() + 0.5 * n * LOG_2PI;
    double prior = 0;
    for (int j = 0; j < d; j++) {
      double z = (theta[j] - lengthPriorMean) / lengthPriorSd;
      prior += 0.5 * z * z;
    }
    double zs = theta[d] / signalPriorSd;
    double zn = (theta[d + 1] - noisePriorMean) / noisePriorSd;
    prior += 0.5 * zs * zs + 0.5 * zn * zn;
    if (grad == null) {
      return nll + prior;
    }
    double[][] w = chol.inverse();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        w[i][j] -= alpha[i] * alpha[j];
      }
    }
    java.util.Arrays.fill(grad, 0);
    double gSignal = 0;
    double gNoise = 0;
    for (int i = 0; i < n; i++) {
      double[] xi = x[i];
      double[] wi = w[i];
      double[] ci = corr[i];
      double[] ki = k[i];
      for (int jj = 0; jj < i; jj++) {
        double wij = wi[jj];
        // off-diagonal pairs count twice in the trace
        gSignal += 2 * wij * ki[jj];
        double f = 2 * wij * ci[jj];
        double[] xj = x[jj];
        for (int c = 0; c < d; c++) {
          double diff = xi[c] - xj[c];
          grad[c] += f * diff * diff * inv2[c];
        }
      }
      gSignal += wi[i] * s2;
      gNoise += wi[i] * noise;
    }
    for (int c = 0; c < d; c++) {
      grad[c] = 0.5 * grad[c] + (theta[c] - lengthPriorMean) / (lengthPriorSd * lengthPriorSd);
    }
    grad[d] = 0.5 * gSignal + theta[d] / (signalPriorSd * signalPriorSd);
    grad[d + 1] = 0.5 * gNoise + (theta[d + 1] - noisePriorMean) / (noisePriorSd * noisePriorSd);
    return nll + prior;
  }
}
