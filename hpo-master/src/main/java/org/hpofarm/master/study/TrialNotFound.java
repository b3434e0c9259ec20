package org.hpofarm.master.study;

/** Thrown when a study has no trial with the given number. */
public final class TrialNotFound extends RuntimeException {
  public TrialNotFound(String study, int number) {
    super("study '" + study + "' has no trial " + number);
  }
}
