package org.hpofarm.master.study;

import java.util.List;

/** What a client tells about a trial: its objective values, or that it failed or was pruned. */
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
}
