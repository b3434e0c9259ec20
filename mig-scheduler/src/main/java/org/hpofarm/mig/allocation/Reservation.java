package org.hpofarm.mig.allocation;

import java.time.Instant;

/**
 * A share of the farm held for a campaign study during a window: inside it the study has priority
 * on {@code slices} slices (others cannot take them, borrowers are preempted); outside it the
 * slices are anyone's.
 */
public record Reservation(String study, int slices, Instant from, Instant until) {
  public Reservation {
    if (study == null || study.isBlank()) {
      throw new IllegalArgumentException("reservation.study: must not be blank");
    }
    if (slices < 0) {
      throw new IllegalArgumentException("reservation.slices: must not be negative, got " + slices);
    }
    if (!from.isBefore(until)) {
      throw new IllegalArgumentException("reservation.until: must be after from (" + from + ")");
    }
  }

  /** A reservation of {@code share} (0..1) of a farm of {@code totalSlices}, rounded down. */
  public static Reservation ofShare(
      String study, double share, int totalSlices, Instant from, Instant until) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("reservation.share: must be in [0, 1], got " + share);
    }
    return new Reservation(study, (int) Math.floor(share * totalSlices), from, until);
  }

  public boolean activeAt(Instant now) {
    return !now.isBefore(from) && now.isBefore(until);
  }
}
