package org.hpofarm.master.pruner;

import org.hpofarm.master.core.History;
import org.hpofarm.master.trial.Trial;

/** The pruner that never prunes. */
public final class NonePruner implements Pruner {
  @Override
  public PruneDecision decide(Trial trial, History history) {
    return PruneDecision.keep("pruning is off");
  }
}
