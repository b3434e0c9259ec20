package org.hpofarm.mig.allocation;

import java.time.Instant;
import java.util.List;
import org.hpofarm.mig.slice.Slice;

/** What an allocator decided for a request: a grant or a refusal, each with its reason. */
public sealed interface Decision {

  SliceRequest request();

  String reason();

  /**
   * Slices to lend until {@code expires}; the leases in {@code preempt} must be revoked first
   * (their trials checkpointed) because a reservation claims their slices.
   */
  record Grant(
      SliceRequest request, List<Slice> slices, Instant expires, List<Long> preempt, String reason)
      implements Decision {
    public Grant {
      slices = List.copyOf(slices);
      preempt = List.copyOf(preempt);
    }
  }

  /** Nothing lent now. */
  record Refusal(SliceRequest request, String reason) implements Decision {}
}
