package org.hpofarm.master.farm;

import org.hpofarm.master.study.Outcome;

/**
 * Runs one placed trial to its end: the executor SPI. Implementations are found with {@link
 * java.util.ServiceLoader} (a module lists its class in {@code
 * META-INF/services/org.hpofarm.master.farm.TrialRunner}); each claims one executor {@link #kind}.
 * The master carries the built-in {@link CommandRunner} for {@code kind: command}; a runner for
 * {@code kind: djl} comes with the worker module, so the master does not depend on it.
 *
 * <p>A runner blocks until the trial ends, reports intermediate values through the reporter and
 * stops early when the reporter says the trial is pruned. It returns the outcome instead of
 * throwing for the trial's own failures; an interrupt means the agent is shutting down.
 */
public interface TrialRunner {

  /** The executor kind this runner runs ({@code djl}, {@code command}, ...). */
  String kind();

  /** Runs the trial of {@code assignment} (rank 0 of its group) and returns how it ended. */
  Outcome run(Assignment assignment, TrialReporter reporter) throws InterruptedException;
}
