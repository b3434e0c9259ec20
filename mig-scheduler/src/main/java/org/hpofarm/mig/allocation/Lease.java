package org.hpofarm.mig.allocation;

import java.time.Duration;
import java.time.Instant;
import org.hpofarm.mig.slice.Slice;

/**
 * A slice lent to a study until {@code expires}; renewed by heartbeats, released by the trial's
 * end, revoked when it expires.
 */
public record Lease(
    long id,
    Slice slice,
    String study,
    String user,
    Instant granted,
    Instant expires,
    Duration term) {

  /** The same lease renewed at {@code now} for its term. */
  public Lease renewed(Instant now) {
    return new Lease(id, slice, study, user, granted, now.plus(term), term);
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expires);
  }
}
