package org.hpofarm.master.sampler.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Maximises log expected improvement over the encoded search space: scores scrambled Sobol points
 * and perturbations of the best training points, then refines the best few by an adaptive local
 * random search, and returns the best point whose params are not already taken.
 *
 * <pre>
 * Design notes.
 * - Every candidate is snapped (encode(decode(x))) before it is scored, so integers, steps and
 *   one-hot categories are scored where they will be evaluated (a simple form of the discrete
 *   handling of Garrido-Merchan and Hernandez-Lobato, Neurocomputing 2020).
 * - Local candidates around the incumbents are Gaussian with a per-coordinate spread proportional
 *   to the fitted length scale (a trust-region flavour, cf. Eriksson et al., TuRBO, NeurIPS 2019),
 *   which finds the narrow EI peaks next to the best point that a space-filling set misses.
 * - The discrete neighbours of the incumbents (every other choice of a categorical, one step of
 *   an integer) are always scored: the one-hot kernel only learns how much a category matters,
 *   and random candidates rarely pair the best numeric values with another choice.
 * - The refinement is a (1+1) evolution strategy with the 1/5th success rule (Rechenberg 1973) on
 *   the numeric coordinates, flipping a category now and then: derivative-free, so the snapped,
 *   piecewise-constant acquisition on discrete coordinates is no obstacle.
 * </pre>
 */
final class AcquisitionSearch {

  /** The effort of one search. */
  record Budget(int sobol, int local, int refineStarts, int refineSteps) {}

  /**
   * A box around the incumbent that the space-filling candidates are confined to (a trust region),
   * or the whole cube when {@code radius} is 0.
   */
  record Region(double[] centre, double radius) {
    static final Region WHOLE = new Region(null, 0);
  }

  private final Encoding encoding;
  private final Posterior posterior;
  private final double best;
  private final RandomGenerator rng;
  private final double[] out = new double[2];
  private final double[] lengthScales;
  private final boolean[] categoricalCoordinate;

  AcquisitionSearch(Encoding encoding, Posterior posterior, double best, RandomGenerator rng) {
    this.encoding = encoding;
    this.posterior = posterior;
    this.best = best;
    this.rng = rng;
    this.lengthScales = posterior.hyperparameters().lengthScales();
    this.categoricalCoordinate = new boolean[encoding.dimension()];
    for (int i = 0; i < encoding.parameterCount(); i++) {
      if (encoding.isCategorical(i)) {
        for (int k = 0; k < encoding.width(i); k++) {
          categoricalCoordinate[encoding.offset(i) + k] = true;
        }
      }
    }
  }

  /** log EI at a snapped point. */
  double score(double[] snapped) {
    posterior.predict(snapped, out);
    return LogExpectedImprovement.of(out[0], Math.sqrt(out[1]), best);
  }

  private record Scored(double[] x, double score) {}

  /**
   * The best point found, as params not in {@code taken}, or null when every point scored is taken.
   */
  Map<String, Object> maximise(
      List<double[]> incumbents, Budget budget, Region region, Set<Map<String, Object>> taken) {
    int d = encoding.dimension();
    List<Scored> scored = new ArrayList<>(budget.sobol() + budget.local() + 8);
    SobolDesign design = new SobolDesign(d, rng);
    double[] half = region.radius() > 0 ? trustRegion(region.radius()) : null;
    for (int i = 0; i < budget.sobol(); i++) {
      double[] u = design.point(i);
      if (half != null) {
        double[] c = region.centre();
        for (int j = 0; j < d; j++) {
          if (!categoricalCoordinate[j]) {
            double lo = Math.max(0, c[j] - half[j]);
            double hi = Math.min(1, c[j] + half[j]);
            u[j] = lo + u[j] * (hi - lo);
          }
        }
      }
      add(scored, u);
    }
    for (int i = 0; i < budget.local() && !incumbents.isEmpty(); i++) {
      double[] centre = incumbents.get(i % incumbents.size());
      double spread = i % 2 == 0 ? 0.05 : 0.2;
      add(scored, perturb(centre, spread, 0.1));
    }
    for (double[] inc : incumbents) {
      add(scored, inc);
      for (double[] next : encoding.neighbours(encoding.snap(inc))) {
        add(scored, next);
      }
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed());
    int starts = Math.min(budget.refineStarts(), scored.size());
    for (int s = 0; s < starts; s++) {
      scored.add(refine(scored.get(s), budget.refineSteps()));
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed());
    for (Scored c : scored) {
      if (c.score() == Double.NEGATIVE_INFINITY && c != scored.get(0)) {
        break;
      }
      Map<String, Object> params = encoding.decode(c.x());
      if (!taken.contains(params)) {
        return params;
      }
    }
    return null;
  }

  /**
   * Half-widths of the trust region: {@code radius} times each length scale over their geometric
   * mean (TuRBO's weighting, Eriksson et al. 2019), capped to [0.005, 0.5].
   */
  private double[] trustRegion(double radius) {
    int d = lengthScales.length;
    double logMean = 0;
    for (double l : lengthScales) {
      logMean += Math.log(l);
    }
    double mean = Math.exp(logMean / d);
    double[] half = new double[d];
    for (int j = 0; j < d; j++) {
      half[j] = Math.min(0.5, Math.max(0.005, radius * lengthScales[j] / mean));
    }
    return half;
  }

  private void add(List<Scored> scored, double[] x) {
    double[] s = encoding.snap(x);
    scored.add(new Scored(s, score(s)));
  }

  private Scored refine(Scored start, int steps) {
    double[] x = start.x();
    double fx = start.score();
    double sigma = 0.1;
    for (int t = 0; t < steps; t++) {
      double[] y = encoding.snap(perturb(x, sigma, 0.05));
      if (Arrays.equals(y, x)) {
        sigma *= 1.5;
        continue;
      }
      double fy = score(y);
      if (fy > fx) {
        x = y;
        fx = fy;
        sigma = Math.min(0.5, sigma * 1.5);
      } else {
        sigma = Math.max(1e-4, sigma * 0.8);
      }
    }
    return new Scored(x, fx);
  }

  /**
   * A Gaussian perturbation of {@code x} (spread times the length scale per numeric coordinate,
   * capped to the cube), switching each categorical to a random choice with probability {@code
   * flip}.
   */
  private double[] perturb(double[] x, double spread, double flip) {
    double[] y = x.clone();
    for (int i = 0; i < encoding.parameterCount(); i++) {
      int o = encoding.offset(i);
      if (encoding.isCategorical(i)) {
        if (rng.nextDouble() < flip) {
          Arrays.fill(y, o, o + encoding.width(i), 0);
          y[o + rng.nextInt(encoding.width(i))] = 1;
        }
      } else {
        double step = spread * Math.min(1.0, lengthScales[o]) * rng.nextGaussian();
        y[o] = reflect(x[o] + step);
      }
    }
    return y;
  }

  private static double reflect(double v) {
    if (v < 0) {
      v = -v;
    }
    if (v > 1) {
      v = 2 - v;
    }
    return Math.min(1, Math.max(0, v));
  }
}
