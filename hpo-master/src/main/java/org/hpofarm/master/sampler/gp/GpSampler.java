package org.hpofarm.master.sampler.gp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.SobolSampler;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;

/**
 * Bayesian optimisation with a Gaussian process: a scrambled Sobol start-up design, then the point
 * of highest expected improvement under a Matérn 5/2 GP whose per-coordinate length scales are
 * fitted to the history by maximum marginal likelihood.
 *
 * <pre>
 * Design notes.
 * - The loop is the one of Snoek, Larochelle and Adams, "Practical Bayesian optimization of
 *   machine learning algorithms" (NeurIPS 2012): Matérn 5/2 ARD kernel, hyperparameters from the
 *   data, expected improvement (here its logarithm, Ament et al. 2023). Inputs live in the unit
 *   cube of the space's distributions, categoricals one-hot; targets are rank-warped (Targets).
 * - Pending trials: kriging believer by default (Ginsbourger, Le Riche and Carraro, "Kriging is
 *   well-suited to parallelize optimization", 2010): each pending point is added to the GP with
 *   the posterior mean as its value, which leaves the mean unchanged and collapses the variance
 *   there, so simultaneous asks spread out. The constant liars (min, mean, max) are options.
 * - Bounded cost: the GP is trained on at most maxHistory completed trials (the best half plus a
 *   random rest), its hyperparameters fitted on at most fitHistory of them with a fixed
 *   evaluation budget (one start instead of fitStarts once the history is capped), and the candidate count shrinks as the training set grows. The sampler is
 *   stateless: nothing is cached between asks, so a proposal depends only on its inputs.
 * - Trust region: the space-filling candidates are confined to a box around the best trial whose
 *   half-widths follow the length scales (Eriksson et al., "Scalable global optimization via local
 *   Bayesian optimization", TuRBO, NeurIPS 2019); a coordinate the model finds irrelevant keeps
 *   its whole range, and the perturbation candidates reach further. Every globalEvery-th ask (off
 *   by default) searches the whole cube instead: on the reference functions any share of global
 *   asks cost precision on the rippled ones (docs/decisions.md).
 * - Several objectives: ParEGO (Knowles, IEEE TEC 2006): each ask draws a random weight vector
 *   and models the augmented Chebyshev scalarisation of the normalised losses.
 * </pre>
 */
public final class GpSampler implements Sampler {

  private final GpSettings settings;
  private final Targets targets;

  /** A GP sampler with the default settings. */
  public GpSampler() {
    this(GpSettings.DEFAULTS);
  }

  /** A GP sampler with these settings. */
  public GpSampler(GpSettings settings) {
    this.settings = settings;
    this.targets = Targets.parse(settings.transform());
  }

  /** The start-up trial count for a space of {@code parameters} parameters. */
  int startupTrials(int parameters) {
    return settings.nStartup() >= 0
        ? settings.nStartup()
        : Math.max(4, Math.min(10, 2 * parameters + 2));
  }

  @Override
  public Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed) {
    Encoding encoding = new Encoding(space);
    Set<Map<String, Object>> taken = new HashSet<>();
    for (Trial t : history.trials()) {
      taken.add(t.params());
    }
    List<Trial> completed = history.completed();
    if (completed.size() < Math.max(2, startupTrials(space.size())) || encoding.dimension() == 0) {
      return startup(space, seed, history, taken);
    }
    RandomGenerator rng = seed.rng("gp");
    double[] losses = losses(history, completed, rng);
    List<Integer> keep = TrainingSet.select(losses, settings.maxHistory(), rng);
    int n = keep.size();
    double[][] x = new double[n][];
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = encoding.encode(completed.get(keep.get(i)).params());
      raw[i] = losses[keep.get(i)];
    }
    double[] y = targets.apply(raw);
    List<Integer> fitRows = TrainingSet.select(raw, settings.fitHistory(), rng);
    double[][] fx = new double[fitRows.size()][];
    double[] fy = new double[fitRows.size()];
    for (int i = 0; i < fx.length; i++) {
      fx[i] = x[fitRows.get(i)];
      fy[i] = y[fitRows.get(i)];
    }
    // A capped (long) history pins the likelihood's optimum down: one start is enough there.
    int starts = completed.size() > settings.maxHistory() ? 1 : settings.fitStarts();
    Hyperparameters h = HyperparameterFit.fit(fx, fy, starts, settings.fitEvaluations(), rng);
    Posterior posterior = new Posterior(x, y, h);
    double best = Double.POSITIVE_INFINITY;
    for (double v : y) {
      best = Math.min(best, v);
    }
    List<Trial> open = history.pending();
    if (!open.isEmpty()) {
      int p = Math.min(open.size(), 256);
      double[][] px = new double[p][];
      double[] py = new double[p];
      double[] out = new double[2];
      for (int i = 0; i < p; i++) {
        px[i] = encoding.encode(open.get(open.size() - p + i).params());
        posterior.predict(px[i], out);
        py[i] = lie(out[0], y);
        best = Math.min(best, py[i]);
      }
      posterior = posterior.with(px, py);
    }
    List<double[]> incumbents = new ArrayList<>();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
    for (int i = 0; i < Math.min(3, n); i++) {
      incumbents.add(x[order[i]]);
    }
    int size = posterior.size();
    int sobol =
        Math.max(
            128,
            Math.min(settings.candidates(), settings.candidates() * 100 / Math.max(100, size)));
    AcquisitionSearch search = new AcquisitionSearch(encoding, posterior, best, rng);
    Map<String, Object> params =
        search.maximise(
            incumbents,
            new AcquisitionSearch.Budget(sobol, sobol / 4, 4, 25),
            settings.globalEvery() > 0
                    && seed.number() % settings.globalEvery() == settings.globalEvery() - 1
                ? AcquisitionSearch.Region.WHOLE
                : new AcquisitionSearch.Region(x[order[0]], settings.trustRadius()),
            taken);
    return params != null ? params : startup(space, seed, history, taken);
  }

  private double lie(double mean, double[] y) {
    return switch (settings.pending()) {
      case "min" -> min(y);
      case "max" -> -min(negate(y));
      case "mean" -> 0; // the targets have mean 0
      default -> mean;
    };
  }

  private static double min(double[] y) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : y) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double[] negate(double[] y) {
    double[] o = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      o[i] = -y[i];
    }
    return o;
  }

  /** Losses to minimise: the objective, or a random ParEGO scalarisation of several. */
  private static double[] losses(History history, List<Trial> completed, RandomGenerator rng) {
    int n = completed.size();
    double[] out = new double[n];
    if (!history.isMultiObjective()) {
      for (int i = 0; i < n; i++) {
        out[i] = history.loss(completed.get(i));
      }
      return out;
    }
    int m = history.directions().size();
    double[][] v = new double[n][];
    double[] lo = new double[m];
    double[] hi = new double[m];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      v[i] = history.losses(completed.get(i));
      for (int j = 0; j < m; j++) {
        if (Double.isFinite(v[i][j])) {
          lo[j] = Math.min(lo[j], v[i][j]);
          hi[j] = Math.max(hi[j], v[i][j]);
        }
      }
    }
    double[] w = new double[m];
    double sum = 0;
    for (int j = 0; j < m; j++) {
      w[j] = -Math.log(1 - rng.nextDouble());
      sum += w[j];
    }
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      double total = 0;
      for (int j = 0; j < m; j++) {
        double range = hi[j] - lo[j];
        double f = range > 0 ? (v[i][j] - lo[j]) / range : 0;
        double c = w[j] / sum * f;
        max = Math.max(max, c);
        total += c;
      }
      out[i] = max + 0.05 * total;
    }
    return out;
  }

  /**
   * The scrambled Sobol point of this trial's number ({@link SobolSampler}), or a random one if its
   * params are taken (possible in small discrete spaces).
   */
  private static Map<String, Object> startup(
      SearchSpace space, TrialSeed seed, History history, Set<Map<String, Object>> taken) {
    Map<String, Object> params = new SobolSampler().sample(space, history, seed);
    RandomGenerator rng = seed.rng("gp.startup");
    for (int attempt = 0; attempt < 32 && taken.contains(params); attempt++) {
      params = space.assemble(p -> p.distribution().fromUnit(rng.nextDouble()));
    }
    return params;
  }
}
