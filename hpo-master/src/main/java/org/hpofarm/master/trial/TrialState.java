package org.hpofarm.master.trial;

/** The life of a trial: WAITING (enqueued), RUNNING, then one of three finished states. */
public enum TrialState {
  WAITING,
  RUNNING,
  COMPLETE,
  PRUNED,
  FAILED;

  /** True for COMPLETE, PRUNED and FAILED: a finished trial never changes. */
  public boolean isFinished() {
    return this == COMPLETE || this == PRUNED || this == FAILED;
  }
}
