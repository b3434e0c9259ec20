package org.hpofarm.master.sampler.cmaes;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The search distribution of CMA-ES at one generation: mean, step size, covariance matrix (with its
 * eigendecomposition) and the two evolution paths, in the unit cube. Immutable: {@link #update}
 * returns the next generation's state.
 *
 * @param mean the distribution mean, inside [0, 1]^n
 * @param sigma the step size
 * @param c the covariance matrix (symmetric, positive definite)
 * @param b eigenvectors of {@code c}, as columns
 * @param d square roots of the eigenvalues of {@code c}
 * @param pc rank-one evolution path
 * @param ps step-size (conjugate) evolution path
 * @param generation updates done since this run (start or restart) began
 * @param recentBest best loss of each of the last generations, oldest first (for termination)
 */
record CmaState(
    double[] mean,
    double sigma,
    double[][] c,
    double[][] b,
    double[] d,
    double[] pc,
    double[] ps,
    int generation,
    double[] recentBest) {

  /*
   * Design notes (Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772).
   *
   * update() is the tutorial's generation step: mean shift to the weighted best mu, cumulative
   * step-size adaptation (CSA) on the conjugate path ps, rank-one update on pc with the h_sigma
   * stall, and the active rank-mu update, where the worse half gets negative weights rescaled by
   * n / |C^-1/2 y|^2 (Jastrebski and Arnold 2006; tutorial eq. 46-47). Only the positive weights
   * move the mean, which therefore stays a convex combination of points in [0, 1]^n.
   *
   * Members need not have been sampled from this very state: with asynchronous workers a generation
   * holds points drawn from an older distribution (or enqueued by a user). Each step y_i is
   * therefore clipped to Mahalanobis length sqrt(n) + 2n/(n+2), as Hansen recommends for injected
   * solutions ("Injecting external solutions into CMA-ES", arXiv:1110.4181), which keeps a stale or
   * foreign point from blowing up C or sigma while still pulling the mean its way.
   *
   * Integer, stepped and few-valued coordinates get a floor on their marginal standard deviation
   * (a quarter of a bin), added to the diagonal of C, so the distribution never collapses inside
   * one bin and keeps probing its neighbours; the idea of CMA-ES with margin (Hamano et al., GECCO
   * 2022) in its simplest form. Adding to the diagonal keeps C positive definite.
   */

  /** A fresh run at {@code mean} with isotropic step {@code sigma}. */
  static CmaState initial(double[] mean, double sigma) {
    int n = mean.length;
    double[][] identity = new double[n][n];
    for (int i = 0; i < n; i++) {
      identity[i][i] = 1;
    }
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    return new CmaState(
        mean.clone(),
        sigma,
        identity,
        copy(identity),
        ones,
        new double[n],
        new double[n],
        0,
        new double[0]);
  }

  int dimension() {
    return mean.length;
  }

  /** A point {@code mean + sigma B D z} with z standard normal, mirrored into [0, 1]^n. */
  double[] sample(RandomGenerator rng) {
    int n = mean.length;
    double[] dz = new double[n];
    for (int i = 0; i < n; i++) {
      dz[i] = d[i] * rng.nextGaussian();
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += b[i][j] * dz[j];
      }
      x[i] = mirror(mean[i] + sigma * s);
    }
    return x;
  }

  /**
   * The next generation's state from {@code ranked}, the generation's points best first (points
   * that failed ranked last). Its strategy parameters are those of a population of {@code
   * ranked.size()}.
   *
   * @param floors minimum marginal standard deviation per coordinate (0 for continuous ones)
   * @param bestLoss the best loss in this generation (for termination)
   * @param window how many generations of best losses to keep
   */
  CmaState update(List<double[]> ranked, double[] floors, double bestLoss, int window) {
    int n = mean.length;
    CmaParameters p = CmaParameters.of(n, ranked.size());
    double clip = Math.sqrt(n) + 2.0 * n / (n + 2);
    int ranks = Math.min(ranked.size(), p.weights().length);
    double[][] ys = new double[ranks][];
    double[] rankMuWeight = new double[ranks];
    double[] yw = new double[n];
    for (int k = 0; k < ranks; k++) {
      double[] x = ranked.get(k);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = (x[i] - mean[i]) / sigma;
      }
      double norm = norm(invSqrtTimes(y));
      if (norm > clip) {
        double f = clip / norm;
        for (int i = 0; i < n; i++) {
          y[i] *= f;
        }
        norm = clip;
      }
      ys[k] = y;
      double w = p.weights()[k];
      if (w > 0) {
        for (int i = 0; i < n; i++) {
          yw[i] += w * y[i];
        }
        rankMuWeight[k] = w;
      } else if (w < 0) {
        rankMuWeight[k] = norm > 0 ? w * n / (norm * norm) : 0;
      }
    }
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = Math.min(1, Math.max(0, mean[i] + sigma * yw[i]));
    }
    double[] cInvYw = invSqrtTimes(yw);
    double[] ps2 = new double[n];
    double csFactor = Math.sqrt(p.cs() * (2 - p.cs()) * p.muEff());
    for (int i = 0; i < n; i++) {
      ps2[i] = (1 - p.cs()) * ps[i] + csFactor * cInvYw[i];
    }
    double psNorm = norm(ps2);
    int g = generation + 1;
    double hsigThreshold =
        (1.4 + 2.0 / (n + 1)) * p.chiN() * Math.sqrt(1 - Math.pow(1 - p.cs(), 2.0 * g));
    boolean hsig = psNorm < hsigThreshold;
    double[] pc2 = new double[n];
    double ccFactor = Math.sqrt(p.cc() * (2 - p.cc()) * p.muEff());
    for (int i = 0; i < n; i++) {
      pc2[i] = (1 - p.cc()) * pc[i] + (hsig ? ccFactor * yw[i] : 0);
    }
    double deltaH = hsig ? 0 : p.cc() * (2 - p.cc());
    double keep = 1 + p.c1() * deltaH - p.c1() - p.cmu() * p.weightSum();
    double[][] c2 = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double rankMu = 0;
        for (int k = 0; k < ranks; k++) {
          rankMu += rankMuWeight[k] * ys[k][i] * ys[k][j];
        }
        double v = keep * c[i][j] + p.c1() * pc2[i] * pc2[j] + p.cmu() * rankMu;
        c2[i][j] = v;
        c2[j][i] = v;
      }
    }
    double sigma2 = sigma * Math.exp(Math.min(1, p.cs() / p.damps() * (psNorm / p.chiN() - 1)));
    for (int i = 0; i < n; i++) {
      double min = floors[i] / sigma2;
      if (c2[i][i] < min * min) {
        c2[i][i] = min * min;
      }
    }
    double[][][] eigen = eigen(c2);
    double[] d2 = eigen[1][0];
    double maxD = Arrays.stream(d2).max().orElse(1);
    if (sigma2 * maxD > 1) {
      sigma2 = 1 / maxD; // wider than the whole cube is never useful
    }
    double[] recent =
        Arrays.copyOfRange(
            recentBest, Math.max(0, recentBest.length - window + 1), recentBest.length + 1);
    recent[recent.length - 1] = bestLoss;
    return new CmaState(m, sigma2, c2, eigen[0], d2, pc2, ps2, g, recent);
  }

  /**
   * Why this run should stop and restart, or null: the step has become tiny ({@code tolX}), the
   * best losses of the last generations span less than {@code tolFun}, C is ill-conditioned, or
   * numbers went bad.
   */
  String stop(double tolX, double tolFun, int window) {
    int n = mean.length;
    double maxSd = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(c[i][i]) || !Double.isFinite(mean[i])) {
        return "numerics";
      }
      maxSd = Math.max(maxSd, Math.sqrt(c[i][i]));
    }
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      return "numerics";
    }
    if (sigma * maxSd < tolX) {
      return "tolX";
    }
    double minD = Arrays.stream(d).min().orElse(1);
    double maxD = Arrays.stream(d).max().orElse(1);
    if (!(minD > 0) || maxD / minD > 1e7) {
      return "condition";
    }
    if (recentBest.length >= window) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : recentBest) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (hi - lo <= tolFun) {
        return "tolFun";
      }
    }
    return null;
  }

  /** C^(-1/2) v = B D^-1 B^T v. */
  private double[] invSqrtTimes(double[] v) {
    int n = v.length;
    double[] t = new double[n];
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += b[i][j] * v[i];
      }
      t[j] = s / d[j];
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += b[i][j] * t[j];
      }
      out[i] = s;
    }
    return out;
  }

  /** {eigenvectors as columns, {sqrt eigenvalues}} of a symmetric matrix. */
  private static double[][][] eigen(double[][] m) {
    int n = m.length;
    RealMatrix matrix = new Array2DRowRealMatrix(m, false);
    EigenDecomposition e = new EigenDecomposition(matrix);
    double[] values = e.getRealEigenvalues();
    double[][] vectors = new double[n][n];
    double[] sd = new double[n];
    for (int j = 0; j < n; j++) {
      var col = e.getEigenvector(j);
      for (int i = 0; i < n; i++) {
        vectors[i][j] = col.getEntry(i);
      }
      sd[j] = Math.sqrt(Math.max(values[j], 1e-20));
    }
    return new double[][][] {vectors, {sd}};
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** Reflects {@code x} into [0, 1] (a mirror at each bound). */
  static double mirror(double x) {
    if (!Double.isFinite(x)) {
      return 0.5;
    }
    double r = x % 2;
    if (r < 0) {
      r += 2;
    }
    return r > 1 ? 2 - r : r;
  }

  private static double[][] copy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
