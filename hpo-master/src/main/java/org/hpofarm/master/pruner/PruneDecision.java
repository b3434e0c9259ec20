package org.hpofarm.master.pruner;

/** A pruner's verdict on a running trial, with the reason in words. */
public record PruneDecision(boolean prune, String reason) {

  public static PruneDecision keep(String reason) {
    return new PruneDecision(false, reason);
  }

  public static PruneDecision prune(String reason) {
    return new PruneDecision(true, reason);
  }
}
