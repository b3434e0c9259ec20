package org.hpofarm.master.sampler.evolution;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Distribution;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;

/**
 * How two parents make a child: crossover then mutation, gene by gene, for each kind of
 * distribution. Numeric genes live in the unit cube ({@link Distribution#toUnit}): simulated binary
 * crossover and Gaussian mutation there; categorical genes: uniform crossover and mutation to
 * another choice.
 *
 * @param crossoverProb chance that the child mixes both parents rather than copying the first
 * @param eta SBX distribution index (larger: children closer to their parents)
 * @param mutationProb chance that a gene mutates (0: one over the number of parameters)
 * @param mutationScale Gaussian mutation scale relative to the population's spread of that gene
 */
record Variation(double crossoverProb, double eta, double mutationProb, double mutationScale) {

  /*
   * Design notes.
   *
   * SBX (Deb and Agrawal, "Simulated binary crossover for continuous search space", Complex Systems
   * 9, 1995) draws a spread factor beta with density ~ beta^eta near 1, so children sit around the
   * parents with a spread proportional to their distance: a population that has converged
   * recombines locally, a diverse one explores. Each numeric gene is crossed with probability 1/2
   * (the usual per-variable rate), else inherited from either parent.
   *
   * Gaussian mutation in the unit cube with a standard deviation of mutationScale times the
   * population's standard deviation of that gene, kept within [0.01, 0.25]: a self-scaling step
   * like an evolution strategy's, bounded so that it neither freezes nor degenerates into random
   * search. Out-of-range values are mirrored at the bound. Integers are relaxed in the cube and
   * rounded by the distribution's map, so they mutate like floats.
   *
   * Conditional spaces: a gene absent in one parent is inherited from the other; absent in both,
   * it is sampled fresh (uniformly). At least one gene is marked for mutation so a child never
   * merely copies a parent.
   */

  /** A child of {@code a} and {@code b} (params maps), valid in {@code space}. */
  Map<String, Object> child(
      SearchSpace space,
      Map<String, Object> a,
      Map<String, Object> b,
      Map<String, Double> spread,
      RandomGenerator rng) {
    List<Parameter> params = space.parameters();
    int n = params.size();
    double pm = mutationProb > 0 ? mutationProb : 1.0 / n;
    boolean cross = rng.nextDouble() < crossoverProb;
    Map<String, Boolean> mutate = new HashMap<>();
    boolean any = false;
    for (Parameter p : params) {
      boolean m = rng.nextDouble() < pm;
      mutate.put(p.name(), m);
      any |= m;
    }
    if (!any) {
      mutate.put(params.get(rng.nextInt(n)).name(), true);
    }
    return space.assemble(
        p -> gene(p, a.get(p.name()), b.get(p.name()), cross, mutate.get(p.name()), spread, rng));
  }

  private Object gene(
      Parameter p,
      Object va,
      Object vb,
      boolean cross,
      boolean mutate,
      Map<String, Double> spread,
      RandomGenerator rng) {
    Distribution d = p.distribution();
    if (va == null && vb == null) {
      return d.fromUnit(rng.nextDouble());
    }
    if (va == null) {
      va = vb;
    } else if (vb == null) {
      vb = va;
    }
    if (d instanceof Categorical c) {
      Object v = cross && rng.nextBoolean() ? vb : va;
      if (mutate && c.choices().size() > 1) {
        int current = c.indexOf(v);
        int k = rng.nextInt(c.choices().size() - 1);
        v = c.choices().get(k >= current ? k + 1 : k);
      }
      return v;
    }
    double ua = d.toUnit(va);
    double ub = d.toUnit(vb);
    double u = ua;
    if (cross && rng.nextBoolean()) {
      u = sbx(ua, ub, rng);
    } else if (cross && rng.nextBoolean()) {
      u = ub;
    }
    if (mutate) {
      double sd = mutationScale * spread.getOrDefault(p.name(), 0.25);
      sd = Math.min(0.25, Math.max(0.01, sd));
      u = mirror(u + sd * rng.nextGaussian());
    }
    return d.fromUnit(u);
  }

  /** One SBX child of {@code x1} and {@code x2}, mirrored into [0, 1]. */
  double sbx(double x1, double x2, RandomGenerator rng) {
    double r = rng.nextDouble();
    double beta =
        r <= 0.5 ? Math.pow(2 * r, 1 / (eta + 1)) : Math.pow(1 / (2 * (1 - r)), 1 / (eta + 1));
    double c =
        rng.nextBoolean()
            ? 0.5 * ((1 + beta) * x1 + (1 - beta) * x2)
            : 0.5 * ((1 - beta) * x1 + (1 + beta) * x2);
    return mirror(c);
  }

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
}
