package org.hpofarm.master.sampler.cmaes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;

/**
 * The covariance matrix adaptation evolution strategy (CMA-ES) as an ask/tell sampler: numeric
 * parameters are searched in the unit cube by a Gaussian whose mean, step size and covariance are
 * rebuilt from the history at every ask; categoricals are chosen by their frequency among the best
 * trials.
 *
 * <p>Options: {@code sigma0} (initial step in the unit cube, default 0.15), {@code popSize} (0:
 * {@code 4 + 3 ln n}), {@code nStartup} (trials before the first generation, random unless another
 * sampler proposed them; the run starts at the best of them, or at the centre of the space when
 * there are none, the default), {@code restarts} ({@code ipop} or {@code none}), {@code minArrived}
 * (fraction of a generation that must have finished before it updates, default 0.5), {@code
 * categoricalQuantile} (share of best trials that vote for categorical choices, default 0.25). With
 * several objectives the first one is optimised.
 */
public final class CmaEsSampler implements Sampler {

  /*
   * Design notes.
   *
   * The algorithm is Hansen's tutorial (arXiv:1604.00772) in CmaState; Replay documents how the
   * state is rebuilt from the history (generations by trial number, partial updates, IPOP).
   *
   * Asking while trials are pending: a new trial of a generation that has not arrived is another
   * independent draw from the current distribution, with the trial's own random stream (study seed
   * + trial number), so 8 or 175 simultaneous asks give distinct points; a draw that repeats an
   * existing trial's params exactly (possible in small discrete spaces) is redrawn a few times.
   *
   * Encoding: each float/int parameter is one coordinate of the unit cube via Distribution.toUnit
   * (log parameters in log space, integers relaxed to bins); a sample outside [0, 1] is mirrored at
   * the bound, which keeps the distribution unbiased near an edge where clipping would pile mass on
   * the edge. Conditional numeric parameters are coordinates too; a trial where one is inactive
   * contributes the generation's mean there (no step).
   */

  private static final int REDRAWS = 32;
  private static final int MAX_TRAILS = 32;

  private final Replay.Settings settings;
  private final CategoricalFrequencies categoricals;

  /**
   * The last replay's trail per study (a cache: results never depend on it), least recent out.
   * Shared by all instances, so that it helps whether a service keeps one sampler per study or
   * creates one per ask.
   */
  private static final Map<TrailKey, Replay.Trail> TRAILS =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TrailKey, Replay.Trail> eldest) {
          return size() > MAX_TRAILS;
        }
      };

  public CmaEsSampler() {
    this(Options.none("sampler"));
  }

  /** A sampler configured by {@code options} (validated; errors name the option). */
  public CmaEsSampler(Options options) {
    options.allowOnly(
        "sigma0", "popSize", "nStartup", "restarts", "minArrived", "categoricalQuantile");
    double sigma0 = options.getDouble("sigma0", 0.15, 1e-4, 1);
    int popSize = options.getInt("popSize", 0, 0, 10_000);
    if (popSize == 1) {
      throw new IllegalArgumentException(
          options.owner() + ".popSize: must be 0 (automatic) or at least 2, got 1");
    }
    int nStartup = options.getInt("nStartup", 0, 0, 1_000_000);
    String restarts = options.getString("restarts", "ipop");
    if (!restarts.equals("ipop") && !restarts.equals("none")) {
      throw new IllegalArgumentException(
          options.owner() + ".restarts: must be ipop or none, got " + restarts);
    }
    double minArrived = options.getDouble("minArrived", 0.5, 0.01, 1);
    double quantile = options.getDouble("categoricalQuantile", 0.25, 0.01, 1);
    this.settings =
        new Replay.Settings(
            nStartup, sigma0, popSize, restarts.equals("ipop"), minArrived, 1e-5, 1e-12, 4096);
    this.categoricals = new CategoricalFrequencies(quantile);
  }

  @Override
  public Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed) {
    RandomGenerator rng = seed.rng();
    Coordinates coords = new Coordinates(space);
    boolean startup = seed.number() < settings.nStartup();
    CmaState state = startup || coords.size() == 0 ? null : replay(space, coords, history, seed);
    List<Trial> ranked =
        startup || coords.size() == space.size()
            ? List.of()
            : CategoricalFrequencies.ranked(history);
    Map<String, Object> params = null;
    for (int attempt = 0; attempt <= REDRAWS; attempt++) {
      double[] x = state == null ? uniform(coords.size(), rng) : state.sample(rng);
      params =
          space.assemble(
              p -> {
                if (p.distribution() instanceof Categorical c) {
                  return startup ? c.fromUnit(rng.nextDouble()) : choose(p, history, ranked, rng);
                }
                return p.distribution().fromUnit(x[coords.indexOf(p)]);
              });
      if (!history.hasPoint(params)) {
        break;
      }
    }
    return params;
  }

  /** The replay of {@code history}, reusing the trail of this study's previous ask. */
  private CmaState replay(SearchSpace space, Coordinates coords, History history, TrialSeed seed) {
    TrailKey key = new TrailKey(settings, space, seed.study(), history.directions());
    Replay.Trail previous;
    synchronized (TRAILS) {
      previous = TRAILS.get(key);
    }
    Replay.WithTrail r = Replay.of(coords, history, seed, settings, previous);
    synchronized (TRAILS) {
      Replay.Trail current = TRAILS.get(key);
      if (current == null || current.steps().size() <= r.trail().steps().size()) {
        TRAILS.put(key, r.trail());
      }
    }
    return r.replay().state();
  }

  /** The study a trail belongs to. */
  private record TrailKey(
      Replay.Settings settings, SearchSpace space, long studySeed, List<Direction> directions) {}

  private Object choose(Parameter p, History history, List<Trial> ranked, RandomGenerator rng) {
    return categoricals.choose(p, history, ranked, rng);
  }

  private static double[] uniform(int n, RandomGenerator rng) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextDouble();
    }
    return x;
  }
}
