package org.hpofarm.master.study;

import java.util.List;

/**
 * What a client tells about a trial: its objective values, or that it failed, was pruned or was
 * preempted.
 */
public sealed interface Outcome {

  /** The trial COMPLETE with one value per direction. */
  record Values(List<Double> values) implements Outcome {
    public Values {
      values = List.copyOf(values);
    }
  }

  /** The trial FAILED, with the error in words. */
  record Failed(String error) implements Outcome {}

  /** The trial PRUNED (it stopped early on its own or on the pruner's advice). */
  record Pruned() implements Outcome {}

  /**
   * The trial stopped by its agent (SIGTERM, a window's end, scancel): FAILED with error {@code
   * preempted}, and its params back in the queue with the same attempt (the retry budget is
   * untouched), continuing its checkpoint.
   */
  record Preempted() implements Outcome {}
}
