package org.hpofarm.master.pruner;

import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.Trial;

/**
 * A pruner decides whether a running trial should stop early, from its intermediate values and
 * those of its peers. A pure policy: it decides and returns; the service acts.
 */
public interface Pruner {

  /**
   * Decides on {@code trial} right after it reported its latest step ({@code trial.lastStep()});
   * {@code history} holds the study's trials (the trial itself possibly among them).
   */
  PruneDecision decide(Trial trial, History history);
}
