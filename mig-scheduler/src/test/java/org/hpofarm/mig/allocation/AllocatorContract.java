package org.hpofarm.mig.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.mig.slice.SliceKind;
import org.hpofarm.testing.ManualClock;
import org.junit.jupiter.api.Test;

/** What every allocator must do; each allocator's test implements it. */
public interface AllocatorContract {

  SliceAllocator allocator();

  Instant START = Instant.parse("2026-11-23T10:00:00Z");

  static Ledger ledger(String description) {
    return new Ledger(FarmDescription.parse(description), new ManualClock(START));
  }

  @Test
  default void grantsASliceThatFits() {
    Ledger ledger = ledger("a100-40gb:2:3g.20gb+2g.10gb+2x1g.5gb");
    Decision d = allocator().place(SliceRequest.of("s", "u", 9000), ledger);
    Decision.Grant g = assertInstanceOf(Decision.Grant.class, d);
    assertEquals(1, g.slices().size());
    assertTrue(g.slices().get(0).memoryMiB() >= 9000);
    assertTrue(g.expires().isAfter(START));
  }

  @Test
  default void refusesWhatNothingFits() {
    Ledger ledger = ledger("a100-40gb:2:7x1g.5gb");
    assertInstanceOf(
        Decision.Refusal.class, allocator().place(SliceRequest.of("s", "u", 6000), ledger));
  }

  @Test
  default void fillsTheFarmWithoutGivingASliceTwice() {
    Ledger ledger = ledger("a100-40gb:5:3g.20gb+2g.10gb+2x1g.5gb,cpu:1:2");
    Set<String> given = new HashSet<>();
    while (allocator().place(SliceRequest.of("s", "u", 0), ledger) instanceof Decision.Grant g) {
      for (Lease lease : ledger.apply(g)) {
        assertTrue(given.add(lease.slice().id()), "given twice: " + lease.slice().id());
      }
    }
    assertEquals(20, given.size()); // every GPU slice, no CPU slot
    assertEquals(2, ledger.freeTotal());
  }

  @Test
  default void honoursTheKindsAsked() {
    Ledger ledger = ledger("a100-40gb:1:7x1g.5gb,cpu:1:2");
    SliceRequest cpu = SliceRequest.of("s", "u", 0).kinds(Set.of(SliceKind.CPU));
    Decision.Grant g = assertInstanceOf(Decision.Grant.class, allocator().place(cpu, ledger));
    assertEquals(SliceKind.CPU, g.slices().get(0).kind());
  }

  @Test
  default void givesAGroupDistinctSlices() {
    Ledger ledger = ledger("a100-40gb:8:7x1g.5gb");
    Decision.Grant g =
        assertInstanceOf(
            Decision.Grant.class, allocator().place(SliceRequest.of("s", "u", 0).group(5), ledger));
    List<Slice> slices = g.slices();
    assertEquals(5, new HashSet<>(slices).size());
    assertEquals(5, ledger.apply(g).size());
  }

  @Test
  default void releasedSlicesCanBeGivenAgain() {
    Ledger ledger = ledger("a100-40gb:1:7g.40gb");
    Decision.Grant g =
        assertInstanceOf(
            Decision.Grant.class, allocator().place(SliceRequest.of("s", "u", 0), ledger));
    Lease lease = ledger.apply(g).get(0);
    assertInstanceOf(
        Decision.Refusal.class, allocator().place(SliceRequest.of("t", "v", 0), ledger));
    ledger.release(lease.id());
    assertInstanceOf(Decision.Grant.class, allocator().place(SliceRequest.of("t", "v", 0), ledger));
  }

  /** For tests that want an inventory directly. */
  static Inventory farm(String description) {
    return FarmDescription.parse(description);
  }
}
