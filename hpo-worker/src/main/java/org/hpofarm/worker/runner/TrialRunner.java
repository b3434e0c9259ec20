package org.hpofarm.worker.runner;

/**
 * Runs one placed trial to its end: the executor SPI. Each runner claims one executor {@link
 * #kind}; the agent has {@link CommandRunner} ({@code command}) and {@link DjlRunner} ({@code
 * djl}), and finds others with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/org.hpofarm.worker.runner.TrialRunner}).
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
