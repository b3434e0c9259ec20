package org.hpofarm.mig.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hpofarm.cli.Percentile;
import org.hpofarm.mig.allocation.BestFitAllocator;
import org.hpofarm.mig.allocation.Decision;
import org.hpofarm.mig.allocation.FairShare;
import org.hpofarm.mig.allocation.FirstFitAllocator;
import org.hpofarm.mig.allocation.Lease;
import org.hpofarm.mig.allocation.Ledger;
import org.hpofarm.mig.allocation.Reservation;
import org.hpofarm.mig.allocation.SliceAllocator;
import org.hpofarm.mig.allocation.SliceRequest;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.mig.window.Interval;

/**
 * A discrete-event simulation of a burst window on a simulated farm, run with the farm's allocator
 * and with the first-fit baseline on the same trials.
 */
public final class FarmSimulation {

  /*
   * Model. At the window's start every study submits its trials (study 0 first, then study 1, ...;
   * a FIFO queue therefore sees them in that order). Each trial needs one slice (or a worker group of
   * --group-size slices, one node preferred) with at least the study's memory (studies cycle through the layout's slice sizes, at 80% of each) for a
   * log-normal time. Whenever slices are free, the allocator chooses the next request among the
   * heads of the study queues (SliceAllocator.next) and places it (place + Ledger.apply); a
   * refused study sits out until a slice is released. Completions are events on a simulated clock
   * (an InstantSource the ledger reads), so leases, fair-share usage and reservations see
   * simulated time. The simulation runs until every trial is done; figures:
   * - utilisation: busy slice-hours inside the window over slices x window hours (or x makespan
   *   when the burst ends before the window does);
   * - placement latency: wall-clock nanoseconds of choose + place + apply, one sample per trial;
   * - makespan: hours from the window's start to the last completion, as if the farm stayed;
   * - fairness: Jain's index (Jain, Chiu & Hawe 1984) of each study's slice-hours in the window;
   * - runningAtWindowEnd: what the window-end policy checkpoints and stops;
   * - oneNodeGroups: with --group-size > 1, the part of worker groups placed on one node;
   * - campaignShare: the last study's part of the slice-hours in the window (the study a FIFO
   *   queue serves last); with --campaign-share the ledger holds a reservation for it until its
   *   last trial is placed (a reservation keeps slices idle only while its study has trials
   *   waiting); the first-fit baseline ignores reservations.
   */

  private final SimulationSpec spec;
  private final LongSupplier nanoTime;

  public FarmSimulation(SimulationSpec spec, LongSupplier nanoTime) {
    this.spec = spec;
    this.nanoTime = nanoTime;
  }

  /** Runs both allocators and returns their figures. */
  public SimulationResult run() {
    Inventory inventory = FarmDescription.parse(spec.farm());
    Interval window = spec.window().occurrence(spec.weekend());
    double windowHours = window.duration().toNanos() / 3.6e12;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(spec.seed());
    double[] hours = new double[spec.trials()];
    for (int i = 0; i < hours.length; i++) {
      hours[i] = spec.durations().sample(rng);
    }
    long[] memory = studyMemory(inventory, spec.studies());
    Duration term = Duration.ofDays(30); // trials end by themselves here; nothing expires
    RunResult best =
        simulate(
            "bestFit",
            new BestFitAllocator(FairShare.equal(), term),
            inventory,
            window,
            windowHours,
            hours,
            memory);
    RunResult first =
        simulate(
            "firstFit", new FirstFitAllocator(term), inventory, window, windowHours, hours, memory);
    return new SimulationResult(
        spec.farm(),
        inventory.size(),
        spec.trials(),
        spec.studies(),
        spec.durations().toString(),
        windowHours,
        spec.seed(),
        best,
        first);
  }

  /** Studies cycle through the distinct slice sizes of the layout, asking 80% of each. */
  private static long[] studyMemory(Inventory inventory, int studies) {
    TreeSet<Long> sizes = new TreeSet<>();
    for (Slice s : inventory.slices()) {
      sizes.add(s.memoryMiB());
    }
    Long[] distinct = sizes.toArray(Long[]::new);
    long[] memory = new long[studies];
    for (int k = 0; k < studies; k++) {
      memory[k] = distinct[k % distinct.length] * 8 / 10;
    }
    return memory;
  }

  private record Completion(double hour, long[] leases, int study, int trial) {}

  private static final class SimClock implements InstantSource {
    private final Instant start;
    private double hours;

    SimClock(Instant start) {
      this.start = start;
    }

    @Override
    public Instant instant() {
      return start.plusNanos((long) (hours * 3.6e12));
    }
  }

  private RunResult simulate(
      String name,
      SliceAllocator allocator,
      Inventory inventory,
      Interval window,
      double windowHours,
      double[] hours,
      long[] memory) {
    int studies = memory.length;
    SimClock clock = new SimClock(window.start());
    Ledger ledger = new Ledger(inventory, clock);
    if (spec.campaignShare() > 0) {
      ledger.reserve(
          Reservation.ofShare(
              "study-" + (studies - 1),
              spec.campaignShare(),
              inventory.size(),
              window.start(),
              window.end()));
    }
    int[] next = new int[studies]; // next trial index of each study
    int[] end = new int[studies];
    int per = hours.length / studies;
    for (int k = 0; k < studies; k++) {
      next[k] = k * per;
      end[k] = k == studies - 1 ? hours.length : (k + 1) * per;
    }
    SliceRequest[] requests = new SliceRequest[studies];
    for (int k = 0; k < studies; k++) {
      requests[k] = SliceRequest.of("study-" + k, "user-" + k, memory[k]).group(spec.groupSize());
    }
    PriorityQueue<Completion> events =
        new PriorityQueue<>(
            (a, b) ->
                a.hour != b.hour
                    ? Double.compare(a.hour, b.hour)
                    : Long.compare(a.leases[0], b.leases[0]));
    long[] latencies = new long[hours.length];
    int placed = 0;
    double[] studyHours = new double[studies];
    double busy = 0;
    long completedInWindow = 0;
    long runningAtEnd = -1;
    long oneNode = 0;
    double makespan = 0;
    double now = 0;
    List<SliceRequest> pending = new ArrayList<>(studies);
    int[] studyOf = new int[studies];
    while (true) {
      // fill free slices
      boolean[] refused = new boolean[studies];
      while (ledger.freeTotal() > 0) {
        pending.clear();
        int n = 0;
        for (int k = 0; k < studies; k++) {
          if (next[k] < end[k] && !refused[k]) {
            pending.add(requests[k]);
            studyOf[n++] = k;
          }
        }
        if (pending.isEmpty()) {
          break;
        }
        long t0 = nanoTime.getAsLong();
        SliceRequest chosen = allocator.next(pending, ledger).orElseThrow();
        Decision decision = allocator.place(chosen, ledger);
        List<Lease> leases = ledger.apply(decision);
        long t1 = nanoTime.getAsLong();
        int k = studyOf[pending.indexOf(chosen)];
        if (leases.isEmpty()) {
          refused[k] = true;
          continue;
        }
        latencies[placed++] = t1 - t0;
        int trial = next[k]++;
        if (next[k] == end[k] && k == studies - 1 && spec.campaignShare() > 0) {
          // nothing left to ask for: the campaign gives its reservation back (running trials stay)
          ledger.cancelReservations(requests[k].study());
        }
        long[] ids = new long[leases.size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = leases.get(i).id();
        }
        if (leases.stream().map(l -> l.slice().node()).distinct().count() == 1) {
          oneNode++;
        }
        events.add(new Completion(now + hours[trial], ids, k, trial));
      }
      Completion c = events.poll();
      if (c == null) {
        break;
      }
      if (runningAtEnd < 0 && c.hour >= windowHours) {
        runningAtEnd = events.size() + 1;
      }
      now = c.hour;
      clock.hours = now;
      for (long id : c.leases) {
        ledger.release(id);
      }
      double start = now - hours[c.trial];
      double inWindow = c.leases.length * Math.max(0, Math.min(now, windowHours) - start);
      busy += inWindow;
      studyHours[c.study] += inWindow;
      if (now <= windowHours) {
        completedInWindow++;
      }
      makespan = now;
    }
    if (runningAtEnd < 0) {
      runningAtEnd = 0;
    }
    double span = Math.min(windowHours, makespan);
    double utilisation = busy / (inventory.size() * span);
    long[] sorted = Arrays.copyOf(latencies, placed);
    Arrays.sort(sorted);
    return new RunResult(
        name,
        utilisation,
        placed == 0 ? 0 : Percentile.nearestRank(sorted, 0.50) / 1e3,
        placed == 0 ? 0 : Percentile.nearestRank(sorted, 0.99) / 1e3,
        makespan,
        jain(studyHours),
        placed,
        completedInWindow,
        runningAtEnd,
        placed == 0 ? 1 : (double) oneNode / placed,
        busy == 0 ? 0 : studyHours[studies - 1] / busy);
  }

  /** Jain's fairness index: (sum x)^2 / (n sum x^2); 1 when all are equal. */
  static double jain(double[] x) {
    double sum = 0;
    double squares = 0;
    for (double v : x) {
      sum += v;
      squares += v * v;
    }
    return squares == 0 ? 1 : sum * sum / (x.length * squares);
  }
}
