package org.hpofarm.master.pruner;

import static org.hpofarm.master.pruner.PercentilePruner.fmt;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * Asynchronous successive halving: at each rung (step {@code minResource * rf^(s + k)}) a trial
 * goes on only if it is among the best {@code 1/rf} of the trials that have reached that rung.
 */
public final class AshaPruner implements Pruner {

  /*
   * Design notes.
   *
   * ASHA (Li, Jamieson, Rostamizadeh, Gonina, Ben-Tzur, Hardt, Recht, Talwalkar 2020, "A system
   * for massively parallel hyperparameter tuning", MLSys) runs successive halving without
   * synchronisation: rung k sits at resource r * eta^(s + k) (r the minimum resource, eta the
   * reduction factor, s the minimum early-stopping rate). As trials cannot be paused and resumed
   * here, a trial is judged once per rung, when it first reports a step at or beyond it, against
   * the trials that have reached the rung so far (itself included): with n of them it goes on if
   * fewer than max(1, floor(n / eta)) have a strictly better value. The first trials at a rung
   * therefore always go on, as in Optuna's SuccessiveHalvingPruner, whose semantics (and option
   * names, in camel case) we keep.
   *
   * The decision is a pure function of the history: a trial's value at a rung is its value at the
   * first step it reported at or beyond the rung, and the rungs judged now are those between the
   * trial's previous report (exclusive) and this one (inclusive). With every step reported this is
   * exactly what a stateful implementation records. A NaN value at a rung is pruned and NaN values
   * of other trials are ignored. With bootstrapCount b, a trial is pruned at a rung that at most b
   * trials have reached (Optuna's rule; b = 0 disables it).
   */

  private final int minResource;
  private final int reductionFactor;
  private final int minEarlyStoppingRate;
  private final int bootstrapCount;

  /**
   * @param minResource the first rung's step, or 0 for "auto": a hundredth of the longest COMPLETE
   *     trial (at least 1), no pruning before one has completed
   * @param reductionFactor eta, at least 2: the share 1/eta of trials goes on at each rung
   * @param minEarlyStoppingRate s: the first rung is at {@code minResource * eta^s}
   * @param bootstrapCount trials a rung needs before anyone passes it (0: none)
   */
  public AshaPruner(
      int minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount) {
    if (minResource < 0) {
      throw new IllegalArgumentException("pruner.minSteps: must be >= 1, got " + minResource);
    }
    if (reductionFactor < 2) {
      throw new IllegalArgumentException(
          "pruner.reductionFactor: must be >= 2, got " + reductionFactor);
    }
    if (minEarlyStoppingRate < 0) {
      throw new IllegalArgumentException(
          "pruner.minEarlyStoppingRate: must be >= 0, got " + minEarlyStoppingRate);
    }
    if (bootstrapCount < 0) {
      throw new IllegalArgumentException(
          "pruner.bootstrapCount: must be >= 0, got " + bootstrapCount);
    }
    this.minResource = minResource;
    this.reductionFactor = reductionFactor;
    this.minEarlyStoppingRate = minEarlyStoppingRate;
    this.bootstrapCount = bootstrapCount;
  }

  /**
   * The pruner that a study's {@code pruner.options} configure (Optuna's SuccessiveHalvingPruner
   * options, every one optional; {@code minSteps} also as {@code minResource}); rejects unknown
   * names and bad values.
   */
  public static AshaPruner from(Options options) {
    options.allowOnly(
        "minSteps", "minResource", "reductionFactor", "minEarlyStoppingRate", "bootstrapCount");
    return new AshaPruner(
        steps(options, "minSteps", "minResource", 1),
        options.getInt("reductionFactor", 4, 2, 1_000),
        options.getInt("minEarlyStoppingRate", 0, 0, 30),
        options.getInt("bootstrapCount", 0, 0, Integer.MAX_VALUE));
  }

  /**
   * A step count given under either of two names (ours and Optuna's), an integer >= 1 or {@code
   * "auto"} (returned as 0).
   */
  static int steps(Options options, String name, String alias, int dflt) {
    boolean hasName = options.values().containsKey(name);
    boolean hasAlias = options.values().containsKey(alias);
    if (hasName && hasAlias) {
      throw new IllegalArgumentException(
          "pruner." + alias + ": give " + name + " or " + alias + ", not both");
    }
    String key = hasAlias ? alias : name;
    Object raw = options.values().get(key);
    if (raw instanceof String s) {
      if (s.toLowerCase(Locale.ROOT).equals("auto")) {
        return 0;
      }
      throw new IllegalArgumentException(
          "pruner." + key + ": must be an integer >= 1 or \"auto\", got " + s);
    }
    return options.getInt(key, dflt, 1, Integer.MAX_VALUE);
  }

  @Override
  public PruneDecision decide(Trial trial, History history) {
    List<Trial> peers =
        history.trials().stream().filter(t -> t.number() != trial.number()).toList();
    return decide(trial, peers, history, "");
  }

  /** Decides against {@code peers} only (a Hyperband bracket); {@code context} prefixes reasons. */
  PruneDecision decide(Trial trial, List<Trial> peers, History history, String context) {
    int step = trial.lastStep();
    if (step < 0) {
      return PruneDecision.keep(context + "no intermediate value yet");
    }
    long base = minResource;
    if (base == 0) {
      int longest = -1;
      for (Trial t : history.completed()) {
        longest = Math.max(longest, t.lastStep());
      }
      if (longest < 0) {
        return PruneDecision.keep(
            context + "minSteps auto: waiting for a completed trial with intermediate values");
      }
      base = Math.max(1, longest / 100);
    }
    Direction direction = history.directions().get(0);
    double value = trial.intermediate().get(step);
    SortedMap<Integer, Double> before = trial.intermediate().headMap(step);
    int previous = before.isEmpty() ? -1 : before.lastKey();
    String passed = null;
    long rungStep = base;
    for (int i = 0; i < minEarlyStoppingRate; i++) {
      rungStep = times(rungStep, reductionFactor);
    }
    for (int rung = 0; rungStep <= step; rung++, rungStep = times(rungStep, reductionFactor)) {
      if (rungStep <= previous) {
        continue;
      }
      String at = context + "rung " + rung + " (step " + rungStep + ")";
      if (Double.isNaN(value)) {
        return PruneDecision.prune(at + ": value is NaN");
      }
      int reached = 1;
      int better = 0;
      for (Trial t : peers) {
        double v = valueAt(t, rungStep);
        if (!Double.isNaN(v)) {
          reached++;
          if (direction.sign() * v < direction.sign() * value) {
            better++;
          }
        }
      }
      if (reached <= bootstrapCount) {
        return PruneDecision.prune(
            at + ": only " + reached + " trials reached it, bootstrapCount is " + bootstrapCount);
      }
      int promoted = Math.max(1, reached / reductionFactor);
      String standing =
          fmt(value) + " has " + better + " better of " + reached + " trials at the rung, ";
      if (better >= promoted) {
        return PruneDecision.prune(at + ": " + standing + "only the best " + promoted + " go on");
      }
      passed = at + ": " + standing + "the best " + promoted + " go on";
    }
    return PruneDecision.keep(
        passed != null ? passed : context + "next rung at step " + rungStep + ", now at " + step);
  }

  /** The value a trial had at a rung: at its first reported step at or beyond it (NaN if none). */
  static double valueAt(Trial t, long rungStep) {
    if (t.state() == TrialState.WAITING || rungStep > Integer.MAX_VALUE) {
      return Double.NaN;
    }
    SortedMap<Integer, Double> tail = t.intermediate().tailMap((int) rungStep);
    return tail.isEmpty() ? Double.NaN : tail.get(tail.firstKey());
  }

  private static long times(long a, int b) {
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
