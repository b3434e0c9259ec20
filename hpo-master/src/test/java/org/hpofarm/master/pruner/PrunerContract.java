package org.hpofarm.master.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Test;

/**
 * The contract every pruner keeps; each pruner's test implements this interface and inherits its
 * tests, which run the pruner over random studies ({@link #scenario}).
 */
public interface PrunerContract {

  /** Steps of a full trial in the scenarios (0 to this, inclusive). */
  int FULL = 27;

  /**
   * The pruner under test, configured for a study in {@code direction}: the same configuration for
   * both directions, except for a pruner blind to the direction (its mirror image then).
   */
  Pruner pruner(Direction direction);

  /** The first step at which the configured pruner may prune (its warm-up or first rung). */
  default int firstPrunableStep() {
    return 0;
  }

  /** False only for a pruner that never prunes. */
  default boolean prunes() {
    return true;
  }

  /**
   * A random study: 8 to 40 trials with decreasing curves between 0 and 1 (for MINIMIZE; negated
   * for MAXIMIZE), every step reported from 0, in every state; trial 0 is COMPLETE and good (below
   * 0.2 at every step), and the others are COMPLETE, PRUNED, FAILED, RUNNING or WAITING.
   */
  static History scenario(long seed, Direction direction) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 8 + r.nextInt(33);
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double scale = i == 0 ? 0.1 : 0.5;
      double a = r.nextDouble() * scale;
      double b = r.nextDouble() * scale;
      TrialState state =
          i == 0 ? TrialState.COMPLETE : TrialState.values()[r.nextInt(TrialState.values().length)];
      int last =
          switch (state) {
            case WAITING -> -1;
            case COMPLETE -> FULL;
            default -> r.nextInt(FULL + 1);
          };
      TreeMap<Integer, Double> values = new TreeMap<>();
      for (int s = 0; s <= last; s++) {
        double v = a + b / (1 + s) + 0.02 * r.nextDouble() * scale;
        values.put(s, direction.sign() * v);
      }
      trials.add(trial(i, state, values));
    }
    return new History(List.of(direction), trials);
  }

  /** A trial in {@code state} with these intermediate values (its final value the last one). */
  static Trial trial(int number, TrialState state, Map<Integer, Double> intermediate) {
    Trial t =
        state == TrialState.WAITING
            ? Trial.waiting(number, Map.of("x", (double) number), 0, Instant.EPOCH)
            : Trial.running(number, Map.of("x", (double) number), "w", Instant.EPOCH);
    if (state == TrialState.WAITING) {
      return t;
    }
    for (var e : intermediate.entrySet()) {
      t = t.report(e.getKey(), e.getValue());
    }
    Instant end = Instant.EPOCH.plusSeconds(number);
    return switch (state) {
      case RUNNING -> t;
      case COMPLETE ->
          t.complete(List.of(intermediate.isEmpty() ? 0.0 : t.lastIntermediate()), end);
      case PRUNED -> t.prune(end);
      case FAILED -> t.fail("boom", end);
      case WAITING -> throw new AssertionError();
    };
  }

  /** The same study with every value negated and the direction flipped. */
  static History mirror(History h) {
    List<Trial> out = new ArrayList<>();
    for (Trial t : h.trials()) {
      out.add(mirror(t));
    }
    Direction d =
        h.directions().get(0) == Direction.MINIMIZE ? Direction.MAXIMIZE : Direction.MINIMIZE;
    return new History(List.of(d), out);
  }

  static Trial mirror(Trial t) {
    TreeMap<Integer, Double> neg = new TreeMap<>();
    t.intermediate().forEach((k, v) -> neg.put(k, -v));
    return trial(t.number(), t.state(), neg);
  }

  /** The RUNNING trials of a history, each decided on as if it had just reported. */
  private static List<Trial> running(History h) {
    return h.trials().stream().filter(t -> t.state() == TrialState.RUNNING).toList();
  }

  @Test
  default void neverPrunesATrialWithNoIntermediateValues() {
    for (long seed = 0; seed < 40; seed++) {
      for (Direction d : Direction.values()) {
        History h = scenario(seed, d);
        int number = h.trials().size();
        Trial fresh = Trial.running(number, Map.of("x", 0.5), "w", Instant.EPOCH);
        assertFalse(pruner(d).decide(fresh, h).prune(), "seed " + seed);
        assertFalse(pruner(d).decide(fresh, h.with(fresh)).prune(), "seed " + seed);
        Trial waiting = Trial.waiting(number, Map.of("x", 0.5), 0, Instant.EPOCH);
        assertFalse(pruner(d).decide(waiting, h.with(waiting)).prune(), "seed " + seed);
      }
    }
  }

  @Test
  default void neverPrunesTheBestTrialAtAStep() {
    for (long seed = 0; seed < 60; seed++) {
      for (Direction d : Direction.values()) {
        History h = scenario(seed, d);
        for (Trial t : running(h)) {
          int step = t.lastStep();
          if (step < 0) {
            continue;
          }
          double bestOther = Double.POSITIVE_INFINITY;
          for (Trial o : h.trials()) {
            Double v = o.intermediate().get(step);
            if (o.number() != t.number() && v != null) {
              bestOther = Math.min(bestOther, d.sign() * v);
            }
          }
          for (double margin : new double[] {0, 0.01}) {
            TreeMap<Integer, Double> values = new TreeMap<>(t.intermediate());
            values.put(step, d.sign() * (bestOther - margin));
            Trial best = trial(t.number(), TrialState.RUNNING, values);
            PruneDecision decision = pruner(d).decide(best, h.with(best));
            assertFalse(
                decision.prune(),
                "seed " + seed + " " + d + " trial " + t.number() + ": " + decision.reason());
          }
        }
      }
    }
  }

  @Test
  default void decisionsAreDeterministicAndIgnoreTheTrialsOwnEntry() {
    for (long seed = 0; seed < 40; seed++) {
      History h = scenario(seed, Direction.MINIMIZE);
      for (Trial t : running(h)) {
        PruneDecision first = pruner(Direction.MINIMIZE).decide(t, h);
        assertEquals(first, pruner(Direction.MINIMIZE).decide(t, h), "seed " + seed);
        List<Trial> others = h.trials().stream().filter(o -> o.number() != t.number()).toList();
        History without = new History(h.directions(), others);
        assertEquals(first, pruner(Direction.MINIMIZE).decide(t, without), "seed " + seed);
      }
    }
  }

  @Test
  default void respectsMaximizeBySymmetry() {
    for (long seed = 0; seed < 60; seed++) {
      History h = scenario(seed, Direction.MINIMIZE);
      History m = mirror(h);
      for (Trial t : running(h)) {
        PruneDecision min = pruner(Direction.MINIMIZE).decide(t, h);
        PruneDecision max = pruner(Direction.MAXIMIZE).decide(mirror(t), m);
        assertEquals(
            min.prune(), max.prune(), "seed " + seed + ": " + min.reason() + " / " + max.reason());
      }
    }
  }

  @Test
  default void neverPrunesBeforeItsFirstPrunableStep() {
    for (long seed = 0; seed < 20; seed++) {
      for (Direction d : Direction.values()) {
        History h = scenario(seed, d);
        for (Trial t : h.trials()) {
          for (int step = 0; step <= Math.min(FULL, firstPrunableStep() - 1); step++) {
            TreeMap<Integer, Double> early = new TreeMap<>(t.intermediate().headMap(step + 1));
            early.put(step, d.sign() * 10.0); // far worse than everyone
            Trial behind = trial(t.number(), TrialState.RUNNING, early);
            assertFalse(pruner(d).decide(behind, h.with(behind)).prune(), "step " + step);
          }
        }
      }
    }
  }

  @Test
  default void prunesATrialFarBehindTheOthers() {
    for (Direction d : Direction.values()) {
      History h = History.empty(d);
      SplittableRandom r = new SplittableRandom(3);
      for (int i = 0; i < 60; i++) {
        TreeMap<Integer, Double> values = new TreeMap<>();
        for (int s = 0; s <= FULL; s++) {
          values.put(s, d.sign() * 0.1 * r.nextDouble());
        }
        h = h.with(trial(i, TrialState.COMPLETE, values));
      }
      boolean pruned = false;
      TreeMap<Integer, Double> values = new TreeMap<>();
      for (int step = 0; step <= FULL && !pruned; step++) {
        values.put(step, d.sign() * 5.0);
        Trial behind = trial(60, TrialState.RUNNING, values);
        PruneDecision decision = pruner(d).decide(behind, h.with(behind));
        assertFalse(decision.reason().isBlank());
        pruned = decision.prune();
        if (pruned) {
          assertTrue(step >= firstPrunableStep(), "pruned at " + step + ": " + decision.reason());
        }
      }
      assertEquals(prunes(), pruned, d.toString());
    }
  }
}
