package org.hpofarm.master.sampler.cmaes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
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
 * <p>Configured by {@link CmaEsSettings}. With several objectives the first one is optimised.
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

  /** A sampler with the default settings. */
  public CmaEsSampler() {
    this(CmaEsSettings.DEFAULTS);
  }

  /** A sampler with these settings. */
  public CmaEsSampler(CmaEsSettings settings) {
    this.settings =
        new Replay.Settings(
            settings.nStartup(),
            settings.sigma0(),
            settings.popSize(),
            settings.ipop(),
            settings.minArrived(),
            1e-5,
            1e-12,
            4096);
    this.categoricals = new CategoricalFrequencies(settings.categoricalQuantile());
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
