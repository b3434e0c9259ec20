package org.hpofarm.mig.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.testing.ManualClock;
import org.junit.jupiter.api.Test;

class BestFitAllocatorTest implements AllocatorContract {
  private static final Duration TERM = Duration.ofMinutes(5);

  @Override
  public SliceAllocator allocator() {
    return new BestFitAllocator(FairShare.equal(), TERM);
  }

  @Test
  void takesTheSmallestSliceThatFits() {
    Ledger ledger = AllocatorContract.ledger("a100-40gb:1:3g.20gb+2g.10gb+2x1g.5gb");
    Decision.Grant small =
        assertInstanceOf(
            Decision.Grant.class, allocator().place(SliceRequest.of("s", "u", 4000), ledger));
    assertEquals("1g.5gb", small.slices().get(0).profile());
    Decision.Grant mid =
        assertInstanceOf(
            Decision.Grant.class, allocator().place(SliceRequest.of("s", "u", 6000), ledger));
    assertEquals("2g.10gb", mid.slices().get(0).profile());
  }

  @Test
  void firstFitWastesTheBigSliceWhereBestFitDoesNot() {
    Ledger ledger = AllocatorContract.ledger("a100-40gb:1:3g.20gb+2g.10gb+2x1g.5gb");
    Decision.Grant first =
        assertInstanceOf(
            Decision.Grant.class,
            new FirstFitAllocator(TERM).place(SliceRequest.of("s", "u", 4000), ledger));
    assertEquals("2g.10gb", first.slices().get(0).profile()); // slot order: 2g at 0 comes first
  }

  @Test
  void putsAGroupOnOneNodeAndPacksSinglesOnBusyNodes() {
    Ledger ledger = AllocatorContract.ledger("a100-40gb:8:7x1g.5gb"); // two nodes of 28 slices
    Lease single = ledger.apply(allocator().place(SliceRequest.of("s", "u", 0), ledger)).get(0);
    Lease next = ledger.apply(allocator().place(SliceRequest.of("s", "u", 0), ledger)).get(0);
    assertEquals(single.slice().node(), next.slice().node());
    Decision.Grant group =
        assertInstanceOf(
            Decision.Grant.class,
            allocator().place(SliceRequest.of("g", "u", 0).group(27), ledger));
    assertEquals(1, group.slices().stream().map(Slice::node).distinct().count());
    assertTrue(!group.slices().get(0).node().equals(single.slice().node()));
    ledger.apply(group);
    SliceRequest strict = new SliceRequest("h", "u", 27, 0, SliceRequest.GPU, null, true);
    assertInstanceOf(Decision.Refusal.class, allocator().place(strict, ledger));
    Decision.Grant spread =
        assertInstanceOf(
            Decision.Grant.class,
            allocator().place(SliceRequest.of("h", "u", 0).group(27), ledger));
    assertEquals(2, spread.slices().stream().map(Slice::node).distinct().count());
  }

  @Test
  void aReservationHoldsItsShareInsideTheWindowOnly() {
    ManualClock clock = new ManualClock(START);
    Ledger ledger = new Ledger(FarmDescription.parse("a100-40gb:2:7x1g.5gb"), clock);
    ledger.reserve(
        new Reservation(
            "campaign", 10, START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(3))));
    // before the window, others borrow everything
    for (int i = 0; i < 14; i++) {
      ledger.apply(allocator().place(SliceRequest.of("other", "bob", 0), ledger));
    }
    assertEquals(14, ledger.held("other"));
    clock.advance(Duration.ofMinutes(90));
    for (Lease l : ledger.leases()) {
      ledger.renew(l.id());
    }
    // inside it, the campaign preempts the youngest borrowers
    Decision.Grant g =
        assertInstanceOf(
            Decision.Grant.class, allocator().place(SliceRequest.of("campaign", "ci", 0), ledger));
    assertEquals(1, g.preempt().size());
    ledger.apply(g);
    assertEquals(13, ledger.held("other"));
    // what the campaign still claims is closed to others
    ledger.release(
        ledger.leases().stream()
            .filter(l -> l.study().equals("other"))
            .findFirst()
            .orElseThrow()
            .id());
    assertInstanceOf(
        Decision.Refusal.class, allocator().place(SliceRequest.of("other", "bob", 0), ledger));
    // after the window, it is anyone's
    clock.advance(Duration.ofHours(2));
    assertInstanceOf(
        Decision.Grant.class, allocator().place(SliceRequest.of("other", "bob", 0), ledger));
  }

  @Test
  void fairShareServesTheStudyAndUserHoldingLeast() {
    Ledger ledger = AllocatorContract.ledger("a100-40gb:2:7x1g.5gb");
    for (int i = 0; i < 3; i++) {
      ledger.apply(allocator().place(SliceRequest.of("a", "alice", 0), ledger));
    }
    ledger.apply(allocator().place(SliceRequest.of("b", "bob", 0), ledger));
    List<SliceRequest> pending =
        List.of(SliceRequest.of("a", "alice", 0), SliceRequest.of("b", "bob", 0));
    assertEquals("b", allocator().next(pending, ledger).orElseThrow().study());
    FairShare weighted = new FairShare(Map.of("alice", 4.0), Map.of());
    BestFitAllocator favoured = new BestFitAllocator(weighted, TERM);
    assertEquals("a", favoured.next(pending, ledger).orElseThrow().study());
    assertThrows(IllegalArgumentException.class, () -> new FairShare(Map.of("x", -1.0), Map.of()));
  }

  @Test
  void leasesExpireOnTheClockUnlessRenewed() {
    ManualClock clock = new ManualClock(START);
    Ledger ledger = new Ledger(FarmDescription.parse("a100-40gb:1:7x1g.5gb"), clock);
    Lease kept = ledger.apply(allocator().place(SliceRequest.of("s", "u", 0), ledger)).get(0);
    Lease lost = ledger.apply(allocator().place(SliceRequest.of("s", "u", 0), ledger)).get(0);
    clock.advance(Duration.ofMinutes(4));
    ledger.renew(kept.id());
    clock.advance(Duration.ofMinutes(2));
    List<Lease> expired = ledger.expire();
    assertEquals(List.of(lost.id()), expired.stream().map(Lease::id).toList());
    assertEquals(1, ledger.held("s"));
    assertNull(ledger.release(lost.id()));
    assertEquals(
        Duration.ofMinutes(6).toSeconds() + Duration.ofMinutes(6).toSeconds(),
        (long) ledger.usedSeconds("s"));
  }

  @Test
  void aSmallRequestDoesNotTakeTheBigSliceABigRequestNeeds() {
    Ledger ledger = AllocatorContract.ledger("a100-40gb:1:3g.20gb+2g.10gb+2x1g.5gb");
    for (long memory : new long[] {4000, 4000, 9000}) {
      ledger.apply(allocator().place(SliceRequest.of("c", "carol", memory), ledger)); // 1g, 1g, 2g
    }
    SliceRequest small = SliceRequest.of("a", "alice", 4000);
    SliceRequest big = SliceRequest.of("b", "bob", 16000);
    assertEquals("a", FairShare.equal().next(List.of(small, big), ledger).orElseThrow().study());
    assertEquals("b", allocator().next(List.of(small, big), ledger).orElseThrow().study());
    // alone, the small request may take the big slice
    assertEquals(
        "a",
        allocator()
            .next(List.of(small, SliceRequest.of("d", "dan", 1000)), ledger)
            .orElseThrow()
            .study());
  }

  @Test
  void withheldSlicesAreNotGiven() {
    Ledger ledger = AllocatorContract.ledger("a100-40gb:1:7g.40gb");
    String id = ledger.slice(0).id();
    assertTrue(ledger.withhold(id));
    assertInstanceOf(
        Decision.Refusal.class, allocator().place(SliceRequest.of("s", "u", 0), ledger));
    assertTrue(ledger.restore(id));
    assertInstanceOf(Decision.Grant.class, allocator().place(SliceRequest.of("s", "u", 0), ledger));
    assertThrows(IllegalArgumentException.class, () -> ledger.withhold("MIG-nope"));
  }

  @Test
  void aSnapshotShowsWhoHoldsEachSlice() {
    Ledger ledger = AllocatorContract.ledger("a100-40gb:2:3g.20gb+2g.10gb+2x1g.5gb,cpu:1:2");
    Lease lease = ledger.apply(allocator().place(SliceRequest.of("s", "u", 15000), ledger)).get(0);
    FarmSnapshot snapshot = FarmSnapshot.of(ledger);
    assertEquals(2, snapshot.gpus().size());
    assertEquals(2, snapshot.cpuSlots().size());
    FarmSnapshot.SliceEntry held =
        snapshot.gpus().stream()
            .flatMap(g -> g.slices().stream())
            .filter(e -> e.leaseId() == lease.id())
            .findFirst()
            .orElseThrow();
    assertEquals("3g.20gb", held.profile());
    assertEquals("s", held.study());
    assertEquals(4, snapshot.gpus().get(0).slices().size());
  }

  @Test
  void theLedgerRefusesABrokenDecision() {
    Ledger ledger = AllocatorContract.ledger("a100-40gb:1:7g.40gb");
    Decision.Grant g =
        assertInstanceOf(
            Decision.Grant.class, allocator().place(SliceRequest.of("s", "u", 0), ledger));
    ledger.apply(g);
    assertThrows(IllegalStateException.class, () -> ledger.apply(g));
    assertThrows(IllegalArgumentException.class, () -> SliceRequest.of("s", "u", -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SliceRequest("s", "u", 1, 0, Set.of(), null, false));
    assertTrue(Instant.EPOCH.isBefore(g.expires()));
  }
}
