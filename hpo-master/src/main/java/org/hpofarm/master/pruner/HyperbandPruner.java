package org.hpofarm.master.pruner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.trial.Trial;

/**
 * Hyperband: several successive-halving brackets that start pruning at different steps, each trial
 * in one bracket (chosen from its number) and compared only with the trials of that bracket.
 */
public final class HyperbandPruner implements Pruner {

  /*
   * Design notes.
   *
   * Hyperband (Li, Jamieson, DeSalvo, Rostamizadeh, Talwalkar 2018, "Hyperband: a novel
   * bandit-based approach to hyperparameter optimization", JMLR 18) hedges over how aggressively to
   * stop early: bracket i runs successive halving with minimum early-stopping rate i, so bracket 0
   * judges trials from minResource on and the last bracket almost never stops one. With eta the
   * reduction factor, there are n = floor(log_eta(maxResource / minResource)) + 1 brackets.
   *
   * As in Optuna's HyperbandPruner (whose semantics and defaults we keep) each bracket is an
   * asynchronous successive-halving pruner (AshaPruner) that sees only the trials of its bracket,
   * and bracket i receives a share of the trials proportional to its budget
   * ceil(n * eta^(n-1-i) / (n-i)), the number of configurations bracket i starts with in the
   * paper. Optuna draws the bracket from a hash of the study name and trial number; here it is a
   * hash of the trial number alone, so the bracket of a trial is known before it runs and the
   * same on every master member.
   *
   * maxResource "auto" is the number of steps of the first trial to complete (by finishing time)
   * with intermediate values; until one has, nothing is pruned.
   */

  private final int minResource;
  private final int maxResource;
  private final int reductionFactor;
  private final int bootstrapCount;

  /**
   * @param minResource the first rung's step of bracket 0, at least 1
   * @param maxResource the steps of a full trial, or 0 for "auto"
   * @param reductionFactor eta, at least 2
   * @param bootstrapCount as for {@link AshaPruner}
   */
  public HyperbandPruner(
      int minResource, int maxResource, int reductionFactor, int bootstrapCount) {
    if (minResource < 1) {
      throw new IllegalArgumentException("pruner.minSteps: must be >= 1, got " + minResource);
    }
    if (maxResource != 0 && maxResource < minResource) {
      throw new IllegalArgumentException(
          "pruner.maxSteps: must be >= minSteps (" + minResource + "), got " + maxResource);
    }
    if (reductionFactor < 2) {
      throw new IllegalArgumentException(
          "pruner.reductionFactor: must be >= 2, got " + reductionFactor);
    }
    if (bootstrapCount < 0) {
      throw new IllegalArgumentException(
          "pruner.bootstrapCount: must be >= 0, got " + bootstrapCount);
    }
    this.minResource = minResource;
    this.maxResource = maxResource;
    this.reductionFactor = reductionFactor;
    this.bootstrapCount = bootstrapCount;
  }

  /**
   * The pruner that a study's {@code pruner.options} configure (Optuna's HyperbandPruner options,
   * every one optional; {@code minSteps} and {@code maxSteps} also as {@code minResource} and
   * {@code maxResource}); rejects unknown names and bad values.
   */
  public static HyperbandPruner from(Options options) {
    options.allowOnly(
        "minSteps", "minResource", "maxSteps", "maxResource", "reductionFactor", "bootstrapCount");
    int min = AshaPruner.steps(options, "minSteps", "minResource", 1);
    if (min == 0) {
      throw new IllegalArgumentException("pruner.minSteps: must be an integer >= 1 for hyperband");
    }
    int max = AshaPruner.steps(options, "maxSteps", "maxResource", 0);
    if (max != 0 && max < min) {
      throw new IllegalArgumentException(
          "pruner.maxSteps: must be >= minSteps (" + min + "), got " + max);
    }
    return new HyperbandPruner(
        min,
        max,
        options.getInt("reductionFactor", 3, 2, 1_000),
        options.getInt("bootstrapCount", 0, 0, Integer.MAX_VALUE));
  }

  @Override
  public PruneDecision decide(Trial trial, History history) {
    if (trial.lastStep() < 0) {
      return PruneDecision.keep("no intermediate value yet");
    }
    int max = maxResource;
    if (max == 0) {
      var first =
          history.completed().stream()
              .filter(t -> t.lastStep() >= 0 && t.number() != trial.number())
              .min(
                  Comparator.comparing(
                          (Trial t) -> t.finished(),
                          Comparator.nullsLast(Comparator.naturalOrder()))
                      .thenComparingInt(Trial::number));
      if (first.isEmpty()) {
        return PruneDecision.keep(
            "maxSteps auto: waiting for a completed trial with intermediate values");
      }
      max = Math.max(minResource, first.get().lastStep() + 1);
    }
    int brackets = brackets(minResource, max, reductionFactor);
    int bracket = bracketOf(trial.number(), brackets, reductionFactor);
    List<Trial> peers = new ArrayList<>();
    for (Trial t : history.trials()) {
      if (t.number() != trial.number()
          && bracketOf(t.number(), brackets, reductionFactor) == bracket) {
        peers.add(t);
      }
    }
    AshaPruner asha = new AshaPruner(minResource, reductionFactor, bracket, bootstrapCount);
    return asha.decide(trial, peers, history, "bracket " + bracket + " of " + brackets + ", ");
  }

  /** The number of brackets: 1 + the largest k with {@code min * eta^k <= max}. */
  static int brackets(int min, int max, int eta) {
    int n = 1;
    for (long r = (long) min * eta; r <= max; r *= eta) {
      n++;
    }
    return n;
  }

  /** The bracket of trial {@code number}, drawn with probability proportional to its budget. */
  static int bracketOf(int number, int brackets, int eta) {
    long[] budgets = new long[brackets];
    long total = 0;
    for (int i = 0; i < brackets; i++) {
      budgets[i] = budget(i, brackets, eta);
      total += budgets[i];
    }
    long h = Long.remainderUnsigned(mix(number), total);
    for (int i = 0; i < brackets; i++) {
      if (h < budgets[i]) {
        return i;
      }
      h -= budgets[i];
    }
    throw new AssertionError("bracket budgets do not add up");
  }

  /** The trials bracket {@code i} of {@code n} starts with: ceil(n * eta^(n-1-i) / (n-i)). */
  static long budget(int i, int n, int eta) {
    int s = n - 1 - i;
    double b = Math.ceil(n * Math.pow(eta, s) / (s + 1));
    return b >= 1e15 ? (long) 1e15 : (long) b;
  }

  private static long mix(long z) {
    z = (z + 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
