package org.hpofarm.mig.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.testing.ManualClock;

/** Invariants of allocation under random sequences of requests, releases and clock moves. */
class AllocationProperties {
  private static final Instant START = Instant.parse("2026-11-27T19:00:00Z");
  private static final String FARM = "a100-40gb:3:3g.20gb+2g.10gb+2x1g.5gb,a100-40gb:2:7x1g.5gb";
  private static final long[] MEMORY = {0, 4000, 9000, 19000, 30000};
  private static final int RESERVED = 6;

  @Property(tries = 150)
  void noSliceTwiceNeverOverCapacityReservationHonoured(
      @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 10_000) Integer> ops,
      @ForAll boolean firstFit) {
    ManualClock clock = new ManualClock(START);
    Ledger ledger = new Ledger(FarmDescription.parse(FARM), clock);
    Instant from = START.plus(Duration.ofMinutes(10));
    Instant until = START.plus(Duration.ofMinutes(40));
    ledger.reserve(new Reservation("campaign", RESERVED, from, until));
    SliceAllocator allocator =
        firstFit
            ? new FirstFitAllocator(Duration.ofMinutes(3))
            : new BestFitAllocator(FairShare.equal(), Duration.ofMinutes(3));
    Map<String, Long> holder = new HashMap<>(); // slice id -> lease id, kept independently
    List<Long> live = new ArrayList<>();
    String[] studies = {"campaign", "a", "b"};
    for (int op : ops) {
      int kind = op % 4;
      int arg = op / 4;
      if (kind <= 1) {
        String study = studies[arg % 3];
        int count = 1 + (arg / 3) % 3;
        SliceRequest request =
            SliceRequest.of(study, "user-" + study, MEMORY[(arg / 9) % MEMORY.length]).group(count);
        boolean campaignOwed =
            study.equals("campaign")
                && !clock.instant().isBefore(from)
                && clock.instant().isBefore(until)
                && ledger.held("campaign") + count <= RESERVED
                && request.minMemoryMiB() == 0;
        Decision decision = allocator.place(request, ledger);
        if (!firstFit && campaignOwed) {
          assertInstanceOf(Decision.Grant.class, decision, "the reservation was not honoured");
        }
        if (decision instanceof Decision.Grant grant) {
          grant
              .slices()
              .forEach(s -> assertTrue(request.accepts(s), s + " does not fit " + request));
          for (long victim : grant.preempt()) {
            holder.values().remove(victim);
            live.remove(victim);
          }
          for (Lease lease : ledger.apply(grant)) {
            assertNull(
                holder.put(lease.slice().id(), lease.id()),
                "slice given twice: " + lease.slice().id());
            live.add(lease.id());
          }
          boolean inWindow = !clock.instant().isBefore(from) && clock.instant().isBefore(until);
          if (!firstFit && inWindow && !study.equals("campaign")) {
            int owed = Math.max(0, RESERVED - ledger.held("campaign"));
            assertTrue(ledger.freeTotal() >= owed, "took slices the campaign is owed");
          }
        }
      } else if (kind == 2 && !live.isEmpty()) {
        long id = live.remove(arg % live.size());
        Lease released = ledger.release(id);
        holder.remove(released.slice().id());
      } else {
        clock.advance(Duration.ofMinutes(1 + arg % 5));
        for (Lease expired : ledger.expire()) {
          holder.remove(expired.slice().id());
          live.remove(expired.id());
        }
      }
      List<Lease> leases = ledger.leases();
      assertEquals(holder.size(), leases.size());
      assertEquals(ledger.size(), leases.size() + ledger.freeTotal(), "over capacity");
      assertEquals(leases.size(), leases.stream().map(l -> l.slice().id()).distinct().count());
      assertEquals(leases.size(), ledger.held("campaign") + ledger.held("a") + ledger.held("b"));
    }
  }
}
