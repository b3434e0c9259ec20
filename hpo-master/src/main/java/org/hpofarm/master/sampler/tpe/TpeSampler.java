package org.hpofarm.master.sampler.tpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Distribution;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * The tree-structured Parzen estimator sampler: it splits the trials into a good and a bad set by
 * objective, models each with a Parzen estimator l(x) and g(x), and proposes the candidate drawn
 * from l with the largest l(x)/g(x).
 */
public final class TpeSampler implements Sampler {

  /*
   * Design notes.
   *
   * Algorithm. Bergstra, Bardenet, Bengio and Kegl (2011), "Algorithms for hyper-parameter
   * optimization": maximising expected improvement under a density-ratio model amounts to
   * maximising l(x)/g(x), where l is fitted to the best gamma fraction of the observations and g to
   * the rest. Defaults follow Watanabe (2023), "Tree-structured Parzen estimator: understanding its
   * algorithm components", and Optuna: gamma(n) = min(ceil(0.1 n), 25), 24 candidates, a prior
   * component of weight 1, the magic-clip lower bound on bandwidths, uniform weights for l and
   * weights ramping up with recency for g (old bad trials matter less).
   *
   * Conditional spaces. Each parameter that has a `when` condition is modelled on its own, from the
   * trials where it is active only, as Optuna's independent TPE does: the split is recomputed among
   * those trials. In multivariate mode (default) the always-active parameters form one group whose
   * kernels are products over the group's dimensions (Falkner et al. 2018 BOHB, Watanabe 2023),
   * which captures correlations the independent model cannot; with multivariate=false every
   * parameter is modelled on its own with the neighbour bandwidth rule.
   *
   * Candidates. Three quarters of the candidates are drawn from l as a mixture (one kernel, all
   * dimensions); a quarter recombine, each dimension taking its own kernel, which lets the search
   * join good coordinates of different good trials on nearly separable functions; all are scored
   * by the joint log ratio log l(x) - log g(x) plus half the sum over dimensions of the marginal
   * log ratios log l_j(x_j) - log g_j(x_j). The marginal part is what an independent TPE would
   * maximise; adding it (a product of experts) keeps the joint model's grip on correlated optima
   * while rewarding coordinates that are good on their own. Over 100 seeds of the reference
   * functions it lowered the geometric mean of regret ratios to Optuna's TPE from 0.62 to 0.60
   * sequentially and from 0.73 to 0.72 with 8 in flight (levy_mixed, separable: 1.33 to 1.07).
   * A weight of 1 gave the same medians but more runs stuck in a poor local minimum (13 % against
   * 7 % on levy_mixed). The marginals of g use only its 128 most recent bad trials, which bounds
   * their cost.
   *
   * Pending trials. Under the constant liar (Optuna's constant_liar, default on here) WAITING and
   * RUNNING trials join the bad set as if they had the worst value: g rises around points already
   * handed out, so simultaneous asks spread instead of proposing the same point. Each ask also draws
   * its candidates from its own trial-seeded generator.
   *
   * Several objectives. The split follows MOTPE (Ozaki et al. 2020): trials ordered by Pareto rank
   * of the non-dominated sort, ties inside the last front broken by crowding distance instead of
   * hypervolume contribution.
   *
   * Cost. An ask is O(n_candidates * (n_good + n_bad) * d) arithmetic; the bad set is capped to the
   * maxBad most recent trials and far-away kernels cost no exp (see ParzenEstimator).
   */

  /** Fraction of the candidates whose dimensions each pick their own kernel of l. */
  private static final double RECOMBINED = 0.25;

  /** Bad trials kept for the per-dimension (marginal) part of the score. */
  private static final int MARGINAL_BAD = 128;

  /** Weight of the marginal log ratios in the score (the joint log ratio has weight 1). */
  private static final double MARGINAL_WEIGHT = 0.5;

  private final TpeSettings settings;

  /** A sampler with the default settings. */
  public TpeSampler() {
    this(TpeSettings.DEFAULTS);
  }

  /** A sampler with these settings. */
  public TpeSampler(TpeSettings settings) {
    this.settings = settings;
  }

  public TpeSettings settings() {
    return settings;
  }

  @Override
  public Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed) {
    RandomGenerator rng = seed.rng();
    int finished = 0;
    for (Trial t : history.trials()) {
      if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
        finished++;
      }
    }
    if (finished < Math.max(1, settings.nStartup())) {
      return space.assemble(p -> p.distribution().fromUnit(rng.nextDouble()));
    }
    Ranking ranking = Ranking.of(history, settings.constantLiar());
    Map<String, Object> joint = new HashMap<>();
    if (settings.multivariate()) {
      List<Parameter> group = new ArrayList<>();
      for (Parameter p : space.parameters()) {
        if (!p.isConditional()) {
          group.add(p);
        }
      }
      if (!group.isEmpty()) {
        joint.putAll(sampleGroup(group, ranking, rng, ParzenEstimator.Bandwidth.SCOTT));
      }
    }
    return space.assemble(
        p -> {
          Object v = joint.get(p.name());
          if (v != null) {
            return v;
          }
          return sampleGroup(List.of(p), ranking, rng, ParzenEstimator.Bandwidth.NEIGHBOURS)
              .get(p.name());
        });
  }

  /** Samples the parameters of {@code group} jointly from the trials where all are present. */
  private Map<String, Object> sampleGroup(
      List<Parameter> group, Ranking ranking, RandomGenerator rng, ParzenEstimator.Bandwidth bw) {
    int d = group.size();
    String[] names = new String[d];
    int[] categories = new int[d];
    for (int j = 0; j < d; j++) {
      names[j] = group.get(j).name();
      categories[j] = group.get(j).distribution() instanceof Categorical c ? c.choices().size() : 0;
    }
    List<Trial> ranked = ranking.ranked();
    int m = ranked.size();
    double[][] rows = new double[m][];
    int usable = 0;
    int finished = 0;
    for (int i = 0; i < m; i++) {
      rows[i] = unitRow(ranked.get(i), group);
      if (rows[i] != null) {
        usable += i < ranking.usable() ? 1 : 0;
        finished += i < ranking.finished() ? 1 : 0;
      }
    }
    int nGood = Math.min(usable, settings.goodCount(finished));
    if (nGood == 0) {
      return uniform(group, rng);
    }
    double[][] goodPoints = new double[nGood][];
    int taken = 0;
    int i = 0;
    for (; taken < nGood; i++) {
      if (rows[i] != null) {
        goodPoints[taken++] = rows[i];
      }
    }
    // The bad set in trial-number order (for the recency weights), keeping the latest maxBad.
    long[] keys = new long[m - i];
    int nBad = 0;
    for (; i < m; i++) {
      if (rows[i] != null) {
        keys[nBad++] = ((long) ranked.get(i).number() << 32) | i;
      }
    }
    Arrays.sort(keys, 0, nBad);
    int from = Math.max(0, nBad - settings.maxBad());
    double[][] badPoints = new double[nBad - from][];
    for (int k = from; k < nBad; k++) {
      int at = (int) (keys[k] & 0xFFFFFFFFL);
      badPoints[k - from] = rows[at];
    }
    double[] goodWeights = new double[nGood];
    Arrays.fill(goodWeights, 1.0);
    ParzenEstimator l =
        new ParzenEstimator(categories, goodPoints, goodWeights, settings.priorWeight(), bw);
    ParzenEstimator g =
        new ParzenEstimator(
            categories, badPoints, recencyWeights(badPoints.length), settings.priorWeight(), bw);
    // The marginal scores use at most the MARGINAL_BAD most recent bad trials (a 1-D density needs
    // few points, and this keeps the per-dimension sums cheap on long histories).
    ParzenEstimator gMarginal = g;
    if (d > 1 && badPoints.length > MARGINAL_BAD) {
      double[][] recent =
          Arrays.copyOfRange(badPoints, badPoints.length - MARGINAL_BAD, badPoints.length);
      gMarginal =
          new ParzenEstimator(
              categories, recent, recencyWeights(recent.length), settings.priorWeight(), bw);
    }
    double[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < settings.nCandidates(); c++) {
      double[] x = l.sample(rng, c < RECOMBINED * settings.nCandidates());
      double score = l.logDensity(x) - g.logDensity(x);
      if (d > 1) {
        score += MARGINAL_WEIGHT * (l.logMarginals(x) - gMarginal.logMarginals(x));
      }
      if (best == null || score > bestScore) {
        best = x;
        bestScore = score;
      }
    }
    Map<String, Object> out = new HashMap<>();
    for (int j = 0; j < d; j++) {
      Distribution dist = group.get(j).distribution();
      out.put(
          names[j],
          dist instanceof Categorical c ? c.choices().get((int) best[j]) : dist.fromUnit(best[j]));
    }
    return out;
  }

  /** The unit coordinates of {@code t}'s values for {@code group}, or null if one is absent. */
  private static double[] unitRow(Trial t, List<Parameter> group) {
    int d = group.size();
    double[] row = new double[d];
    Map<String, Object> params = t.params();
    for (int j = 0; j < d; j++) {
      Parameter p = group.get(j);
      Object v = params.get(p.name());
      if (v == null) {
        return null;
      }
      if (p.distribution() instanceof Categorical c) {
        int index = c.indexOf(v);
        if (index < 0) {
          return null;
        }
        row[j] = index;
      } else {
        row[j] = p.distribution().toUnit(v);
      }
    }
    return row;
  }

  /**
   * Weights by recency (oldest first): all 1 up to 25 observations, beyond that the 25 most recent
   * keep weight 1 and older ones ramp linearly from 1/n up to 1 (Optuna's default weights).
   */
  static double[] recencyWeights(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    int ramp = n - 25;
    if (ramp > 0) {
      for (int i = 0; i < ramp; i++) {
        w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
      }
    }
    return w;
  }

  private static Map<String, Object> uniform(List<Parameter> group, RandomGenerator rng) {
    Map<String, Object> out = new HashMap<>();
    for (Parameter p : group) {
      out.put(p.name(), p.distribution().fromUnit(rng.nextDouble()));
    }
    return out;
  }
}
