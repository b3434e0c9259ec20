package org.hpofarm.mig.window;

import java.time.Instant;

/**
 * The freeze of a campaign study outside its burst window: during the week its trials are not
 * placed (the farm belongs to interactive work), and it thaws when the next window opens.
 */
public record WeekdayFreeze(BurstWindow window) {

  /** Whether campaign trials must wait at {@code t}. */
  public boolean frozen(Instant t) {
    return window.containing(t).isEmpty();
  }

  /** When a frozen campaign may run again: {@code t} itself when not frozen. */
  public Instant thawsAt(Instant t) {
    return frozen(t) ? window.next(t).start() : t;
  }
}
