package org.hpofarm.mig.catalogue;

/** A GPU instance of a profile placed at a memory slot: it covers {@code [start, end)}. */
public record Placement(MigProfile profile, int start) {
  public Placement {
    if (profile == null) {
      throw new IllegalArgumentException("placement.profile: must not be null");
    }
  }

  /** The memory slot after the last one covered. */
  public int end() {
    return start + profile.memorySlices();
  }

  /** Whether the two instances share a memory slot. */
  public boolean overlaps(Placement other) {
    return start < other.end() && other.start < end();
  }
}
