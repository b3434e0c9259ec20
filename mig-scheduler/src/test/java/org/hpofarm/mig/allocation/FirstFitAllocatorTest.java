package org.hpofarm.mig.allocation;

import java.time.Duration;

class FirstFitAllocatorTest implements AllocatorContract {
  @Override
  public SliceAllocator allocator() {
    return new FirstFitAllocator(Duration.ofMinutes(5));
  }
}
