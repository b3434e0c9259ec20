package org.hpofarm.master.study;

/** Thrown when a user acts on a study that belongs to someone else. */
public final class NotOwner extends RuntimeException {
  public NotOwner(String study, String user) {
    super("study '" + study + "' does not belong to user '" + user + "'");
  }
}
