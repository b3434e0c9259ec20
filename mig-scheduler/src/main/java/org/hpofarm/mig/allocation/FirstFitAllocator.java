package org.hpofarm.mig.allocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hpofarm.mig.slice.Slice;

/**
 * The baseline: the first free slices in inventory order that fit, first come first served, no
 * reservations and no fair share. What a plain FIFO queue over a device list does; kept to measure
 * the farm's allocator against.
 */
public final class FirstFitAllocator implements SliceAllocator {
  private final Duration leaseTerm;

  public FirstFitAllocator(Duration leaseTerm) {
    if (leaseTerm.isNegative() || leaseTerm.isZero()) {
      throw new IllegalArgumentException("allocator.leaseTerm: must be positive, got " + leaseTerm);
    }
    this.leaseTerm = leaseTerm;
  }

  @Override
  public Decision place(SliceRequest request, FarmView farm) {
    List<Slice> chosen = new ArrayList<>(request.count());
    for (int i = farm.nextFree(0);
        i >= 0 && chosen.size() < request.count();
        i = farm.nextFree(i + 1)) {
      Slice s = farm.slice(i);
      if (request.accepts(s)
          && (!request.sameNode() || chosen.isEmpty() || chosen.get(0).node().equals(s.node()))) {
        chosen.add(s);
      }
    }
    if (chosen.size() < request.count()) {
      return new Decision.Refusal(request, "no free slice fits");
    }
    return new Decision.Grant(request, chosen, farm.now().plus(leaseTerm), List.of(), "first fit");
  }
}
