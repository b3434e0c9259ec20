package org.hpofarm.master.sampler.gp;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small limited-memory BFGS minimiser for smooth functions inside a box: quasi-Newton directions
 * from the last few steps (two-loop recursion), with coordinates at an active bound frozen, and a
 * backtracking Armijo line search on the projected path.
 *
 * <pre>
 * Design notes.
 * - Nocedal and Wright, Numerical Optimization (2006), algorithm 7.4 for the two-loop recursion.
 * - The bound handling is the simple projection variant (not the generalised Cauchy point of
 *   L-BFGS-B, Byrd et al. 1995): good enough for the few, well-scaled log hyperparameters of a
 *   Gaussian process, where the optimum is usually interior or on a single bound.
 * </pre>
 */
final class BoundedLbfgs {

  /** A function with its gradient: returns f(x) and fills {@code grad}. */
  @FunctionalInterface
  interface Objective {
    double value(double[] x, double[] grad);
  }

  /** The best point found and its value. */
  record Result(double[] x, double value, int evaluations) {}

  private static final int MEMORY = 6;

  private BoundedLbfgs() {}

  static Result minimize(
      Objective f, double[] start, double[] lo, double[] hi, int maxEvaluations) {
    int n = start.length;
    double[] x = start.clone();
    clamp(x, lo, hi);
    double[] g = new double[n];
    double fx = safe(f, x, g);
    int evals = 1;
    if (!Double.isFinite(fx)) {
      return new Result(x, fx, evals);
    }
    Deque<double[][]> memory = new ArrayDeque<>();
    double[] d = new double[n];
    double[] xn = new double[n];
    double[] gn = new double[n];
    while (evals < maxEvaluations) {
      direction(g, memory, d);
      freezeAtBounds(x, d, lo, hi);
      double slope = dot(g, d);
      if (!(slope < 0)) {
        memory.clear();
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        freezeAtBounds(x, d, lo, hi);
        slope = dot(g, d);
        if (!(slope < 0)) {
          break; // projected gradient is zero: a KKT point
        }
      }
      double t = memory.isEmpty() ? Math.min(1.0, 1.0 / Math.max(1e-12, maxAbs(d))) : 1.0;
      double fn = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 12 && evals < maxEvaluations; ls++) {
        for (int i = 0; i < n; i++) {
          xn[i] = x[i] + t * d[i];
        }
        clamp(xn, lo, hi);
        fn = safe(f, xn, gn);
        evals++;
        double decrease = 0;
        for (int i = 0; i < n; i++) {
          decrease += g[i] * (xn[i] - x[i]);
        }
        if (Double.isFinite(fn) && fn <= fx + 1e-4 * decrease) {
          accepted = true;
          break;
        }
        t *= 0.3;
      }
      if (!accepted) {
        break;
      }
      double[] s = new double[n];
      double[] yv = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = xn[i] - x[i];
        yv[i] = gn[i] - g[i];
      }
      double sy = dot(s, yv);
      if (sy > 1e-10 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
        memory.addLast(new double[][] {s, yv, {1 / sy}});
        if (memory.size() > MEMORY) {
          memory.removeFirst();
        }
      }
      double improvement = fx - fn;
      System.arraycopy(xn, 0, x, 0, n);
      System.arraycopy(gn, 0, g, 0, n);
      fx = fn;
      if (improvement < 1e-9 * (1 + Math.abs(fx))) {
        break;
      }
    }
    return new Result(x, fx, evals);
  }

  private static double safe(Objective f, double[] x, double[] g) {
    try {
      return f.value(x, g);
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }

  private static void direction(double[] g, Deque<double[][]> memory, double[] d) {
    int n = g.length;
    for (int i = 0; i < n; i++) {
      d[i] = -g[i];
    }
    if (memory.isEmpty()) {
      return;
    }
    double[] a = new double[memory.size()];
    int k = memory.size() - 1;
    var it = memory.descendingIterator();
    while (it.hasNext()) {
      double[][] m = it.next();
      a[k] = m[2][0] * dot(m[0], d);
      axpy(-a[k], m[1], d);
      k--;
    }
    double[][] last = memory.peekLast();
    double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
    for (int i = 0; i < n; i++) {
      d[i] *= gamma;
    }
    k = 0;
    for (double[][] m : memory) {
      double b = m[2][0] * dot(m[1], d);
      axpy(a[k] - b, m[0], d);
      k++;
    }
  }

  private static void freezeAtBounds(double[] x, double[] d, double[] lo, double[] hi) {
    for (int i = 0; i < x.length; i++) {
      if ((x[i] <= lo[i] && d[i] < 0) || (x[i] >= hi[i] && d[i] > 0)) {
        d[i] = 0;
      }
    }
  }

  private static void clamp(double[] x, double[] lo, double[] hi) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }
}
