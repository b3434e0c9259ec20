package org.hpofarm.worker.runner;

/** Where a running trial sends its intermediate values; the answer is the pruner's. */
@FunctionalInterface
public interface TrialReporter {

  /**
   * Records the value at {@code step} (which also renews the trial's lease) and returns whether the
   * trial should stop now because it is pruned.
   */
  boolean report(int step, double value);
}
