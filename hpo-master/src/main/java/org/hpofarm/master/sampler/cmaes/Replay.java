package org.hpofarm.master.sampler.cmaes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.hpofarm.master.core.History;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * The CMA-ES run that a history implies: the distribution a new trial is drawn from, rebuilt by
 * replaying every generation the history completes.
 *
 * @param state the current distribution
 * @param generationStart the number of the first trial of the generation being filled
 * @param lambda the population size of the current run
 * @param restarts how many (IPOP) restarts happened
 * @param updates how many generation updates were replayed in all
 */
record Replay(CmaState state, int generationStart, int lambda, int restarts, int updates) {

  /*
   * Design notes: why a replay, and how generations are formed.
   *
   * A sampler is a pure function of (space, history, seed), so CMA-ES cannot keep its state
   * between asks. The state is a deterministic function of the history instead:
   *
   * - Trials numbered below nStartup are the warm start (random, or whatever an earlier sampler
   *   proposed). The first run starts at the best of those that completed (the centre of the cube
   *   when none has) with step sigma0.
   * - From nStartup on, trials are grouped by number into generations of lambda: generation k is
   *   [start_k, start_k + lambda). A generation is replayed (one CMA-ES update) once at least
   *   minArrived * lambda of its members have finished; members still pending are left out and
   *   the update is the one of a population of the arrived size (its own weights and learning
   *   rates). When the stragglers arrive, the next ask replays the generation with all of them.
   *   Replay stops at the first generation that has not arrived, or at the generation of the trial
   *   being asked, so a trial only ever depends on trials numbered before it.
   * - Finished trials without a usable value (FAILED, PRUNED, NaN) count as arrived and rank last,
   *   which keeps selection pressure away from regions that fail.
   * - After each update the IPOP termination criteria are checked (tolX, tolFun over the last
   *   10 + 30n/lambda generations, condition of C); on a stop the next run doubles lambda and starts
   *   at a uniform random mean drawn from (study seed, first trial number of the run) (Auger and
   *   Hansen, "A restart CMA evolution strategy with increasing population size", CEC 2005).
   *
   * Cost: one update is O(lambda n^2 + n^3); a history of N trials replays about N / lambda of
   * them. For N = 1,000 in 8 dimensions that is ~100 small eigendecompositions, a few ms. The
   * sampler also keeps the trail of the last replay of each study (the state after every
   * generation with a signature of the trials it used: number, ranking loss or "pending", params
   * hash), and the next replay reuses each step whose signature still matches, so an ask costs
   * O(N) comparisons plus the updates of generations that changed (only the last KEEP_STATES
   * steps keep their state; a change further back replays from the start). The result is the same as a
   * full replay; the trail is only a cache.
   */

  /** How a replay is configured: the sampler's options. */
  record Settings(
      int nStartup,
      double sigma0,
      int popSize,
      boolean ipop,
      double minArrived,
      double tolX,
      double tolFun,
      int maxPopSize) {}

  /**
   * What one replay computed, kept so that the next ask of the same study can skip the generations
   * whose trials have not changed: a signature of the warm-start trials and one step per replayed
   * generation.
   */
  record Trail(long[] startup, List<Step> steps) {}

  /**
   * One replayed generation: the signature of its trials (number, ranking loss or pending, params
   * hash) and what followed from it.
   */
  record Step(long[] signature, CmaState state, int end, int lambda, int restarts) {}

  /**
   * Steps of a trail that keep their state: the latest ones, where stragglers change things. An
   * earlier change means a full replay; older steps keep only their signature, so a trail's memory
   * is O(N + KEEP_STATES n^2) rather than O(N n^2 / lambda).
   */
  static final int KEEP_STATES = 16;

  /** A replay and its trail. */
  record WithTrail(Replay replay, Trail trail) {}

  /**
   * Replays {@code history} up to (not including) the generation of trial {@code seed.number()}.
   */
  static Replay of(Coordinates coords, History history, TrialSeed seed, Settings s) {
    return of(coords, history, seed, s, null).replay();
  }

  /** Like {@link #of(Coordinates, History, TrialSeed, Settings)}, reusing matching steps. */
  static WithTrail of(
      Coordinates coords, History history, TrialSeed seed, Settings s, Trail previous) {
    int n = coords.size();
    List<Trial> trials = new ArrayList<>(history.trials());
    trials.sort(Comparator.comparingInt(Trial::number));
    int next = 0;
    while (next < trials.size() && trials.get(next).number() < s.nStartup()) {
      next++;
    }
    long[] startupSignature = signature(history, trials.subList(0, next));
    boolean reuse = previous != null && Arrays.equals(previous.startup(), startupSignature);
    int lambda = s.popSize() > 0 ? s.popSize() : CmaParameters.defaultLambda(n);
    CmaState state =
        CmaState.initial(warmStart(coords, history, trials.subList(0, next)), s.sigma0());
    double[] floors = coords.floors();
    int start = s.nStartup();
    int restarts = 0;
    List<Step> steps = new ArrayList<>();
    while (true) {
      int end = start + lambda;
      if (seed.number() < end) {
        break;
      }
      int first = next;
      int arrivedCount = 0;
      while (next < trials.size() && trials.get(next).number() < end) {
        if (trials.get(next++).state().isFinished()) {
          arrivedCount++;
        }
      }
      int needed = Math.max(2, (int) Math.ceil(s.minArrived() * lambda));
      if (arrivedCount < needed) {
        break;
      }
      List<Trial> members = trials.subList(first, next);
      long[] signature = signature(history, members);
      int k = steps.size();
      if (reuse
          && k < previous.steps().size()
          && Arrays.equals(previous.steps().get(k).signature(), signature)) {
        Step step = previous.steps().get(k);
        steps.add(step);
        state = step.state();
        lambda = step.lambda();
        restarts = step.restarts();
        start = step.end();
        continue;
      }
      reuse = false;
      if (state == null) {
        return of(coords, history, seed, s, null); // the step to resume from kept no state
      }
      List<Trial> arrived = new ArrayList<>(arrivedCount);
      for (Trial t : members) {
        if (t.state().isFinished()) {
          arrived.add(t);
        }
      }
      arrived.sort(Comparator.comparingDouble(t -> rankingLoss(history, t)));
      List<double[]> xs = new ArrayList<>(arrived.size());
      for (Trial t : arrived) {
        xs.add(coords.encode(t.params(), state.mean()));
      }
      int window = 10 + (int) Math.ceil(30.0 * n / lambda);
      state = state.update(xs, floors, rankingLoss(history, arrived.get(0)), window);
      start = end;
      if (s.ipop() && state.stop(s.tolX(), s.tolFun(), window) != null) {
        restarts++;
        lambda = Math.min(s.maxPopSize(), lambda * 2);
        RandomGenerator rng = new TrialSeed(seed.study(), start).rng("cmaes.restart");
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
          mean[i] = rng.nextDouble();
        }
        state = CmaState.initial(mean, s.sigma0());
      }
      steps.add(new Step(signature, state, start, lambda, restarts));
    }
    if (state == null) {
      return of(coords, history, seed, s, null);
    }
    for (int k = 0; k < steps.size() - KEEP_STATES; k++) {
      Step old = steps.get(k);
      if (old.state() != null) {
        steps.set(k, new Step(old.signature(), null, old.end(), old.lambda(), old.restarts()));
      }
    }
    return new WithTrail(
        new Replay(state, start, lambda, restarts, steps.size()),
        new Trail(startupSignature, List.copyOf(steps)));
  }

  /** (number, ranking loss or pending, params hash) of each trial. */
  private static long[] signature(History history, List<Trial> trials) {
    long[] out = new long[3 * trials.size()];
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      out[3 * i] = t.number();
      out[3 * i + 1] =
          t.state().isFinished()
              ? Double.doubleToLongBits(rankingLoss(history, t))
              : Long.MIN_VALUE;
      out[3 * i + 2] = t.params().hashCode();
    }
    return out;
  }

  /** The loss a finished trial ranks by: its loss, or +infinity when it has no usable value. */
  static double rankingLoss(History history, Trial t) {
    if (t.state() != TrialState.COMPLETE || t.values().isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    double v = history.loss(t);
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }

  /** The best completed trial numbered below {@code nStartup}, encoded; else the centre. */
  private static double[] warmStart(Coordinates coords, History history, List<Trial> startup) {
    double[] centre = new double[coords.size()];
    java.util.Arrays.fill(centre, 0.5);
    Trial best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (Trial t : startup) {
      double l = rankingLoss(history, t);
      if (l < bestLoss) {
        best = t;
        bestLoss = l;
      }
    }
    return best == null ? centre : coords.encode(best.params(), centre);
  }
}
