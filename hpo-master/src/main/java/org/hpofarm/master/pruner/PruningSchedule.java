package org.hpofarm.master.pruner;

import org.hpofarm.master.core.Options;
import org.hpofarm.master.trial.Trial;

/**
 * When a step-wise pruner looks at a trial: not before {@code warmupSteps}, then once per interval
 * of {@code intervalSteps} steps counted from the end of the warm-up.
 *
 * @param warmupSteps steps before which a trial is never pruned
 * @param intervalSteps the pruner decides at the first report in each interval of this many steps
 */
public record PruningSchedule(int warmupSteps, int intervalSteps) {

  public PruningSchedule {
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("pruner.nWarmupSteps: must be >= 0, got " + warmupSteps);
    }
    if (intervalSteps < 1) {
      throw new IllegalArgumentException(
          "pruner.intervalSteps: must be >= 1, got " + intervalSteps);
    }
  }

  /**
   * The schedule that a pruner's options give ({@code nWarmupSteps}, {@code intervalSteps}, both
   * optional); the pruner's own {@code from} decides which option names it accepts.
   */
  public static PruningSchedule from(Options options) {
    return new PruningSchedule(
        options.getInt("nWarmupSteps", 0, 0, Integer.MAX_VALUE),
        options.getInt("intervalSteps", 1, 1, Integer.MAX_VALUE));
  }

  /**
   * Null when the trial's last step is one to decide at; otherwise why not. A step is due when it
   * is the first reported at or after the latest interval boundary {@code warmupSteps + k *
   * intervalSteps} (so a trial that skips steps is still looked at once per interval).
   */
  public String notDue(Trial trial) {
    int step = trial.lastStep();
    if (step < 0) {
      return "no intermediate value yet";
    }
    if (step < warmupSteps) {
      return "step " + step + " is within the " + warmupSteps + " warm-up steps";
    }
    long boundary = (long) (step - warmupSteps) / intervalSteps * intervalSteps + warmupSteps;
    var before = trial.intermediate().headMap(step);
    int previous = before.isEmpty() ? -1 : before.lastKey();
    if (previous >= boundary) {
      return "step "
          + step
          + " is not the first of its interval of "
          + intervalSteps
          + " steps (already decided at step "
          + previous
          + ")";
    }
    return null;
  }
}
