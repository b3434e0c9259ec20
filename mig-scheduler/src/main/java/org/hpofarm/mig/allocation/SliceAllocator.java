package org.hpofarm.mig.allocation;

import java.util.List;
import java.util.Optional;

/**
 * A placement policy: decides where a request goes, and which pending request goes next. Pure: it
 * reads a {@link FarmView} and returns a {@link Decision}; the {@link Ledger} carries it out.
 */
public interface SliceAllocator {

  /** Where {@code request} goes now, or why it cannot go anywhere now. */
  Decision place(SliceRequest request, FarmView farm);

  /**
   * Which of the pending requests (one per study queue, oldest first) to place next; empty when
   * there are none. The default is first come, first served.
   */
  default Optional<SliceRequest> next(List<SliceRequest> pending, FarmView farm) {
    return pending.isEmpty() ? Optional.empty() : Optional.of(pending.get(0));
  }
}
