package org.hpofarm.master.trial;

/** Thrown when a finished trial is asked to change into something else than it already is. */
public final class TrialAlreadyFinished extends IllegalStateException {
  public TrialAlreadyFinished(int number, TrialState state) {
    super("trial " + number + " is already " + state);
  }
}
