package org.hpofarm.master.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.hpofarm.master.farm.FarmService;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.store.StudyStore;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * The master's own meters in {@code /metrics}, beside Vert.x's and the JVM's: asks and tells (as
 * counters, so that Prometheus takes their rate), trials by state, the farm's slices and busy
 * slices, and leases lost. Asks and tells are counted from the cluster's trial changes, which every
 * member sees: each member reports the whole cluster's, so take the max over members, not the sum.
 *
 * <ul>
 *   <li>{@code farm_asks_total}: trials handed out (a new trial, or a WAITING one started)
 *   <li>{@code farm_tells_total{state}}: trials finished, by COMPLETE, PRUNED, FAILED
 *   <li>{@code farm_trials{state}}: trials in each state now, over all studies
 *   <li>{@code farm_slices}, {@code farm_slices_busy}: the farm's slices, and those lent to a trial
 *   <li>{@code farm_leases_lost_total}: RUNNING trials whose lease expired on this member's sweep
 * </ul>
 */
public final class MasterMeters {

  /** How long one count of trials by state serves the gauges. */
  private static final long COUNTS_MILLIS = 1000;

  private final Counter asks;
  private final Map<TrialState, Counter> tells = new EnumMap<>(TrialState.class);
  private final Counter leasesLost;
  private final StudyService service;
  private final StudyStore store;
  private volatile Map<TrialState, Integer> counts = Map.of();
  private volatile long countedAt = Long.MIN_VALUE;

  public MasterMeters(
      MeterRegistry registry, StudyService service, StudyStore store, FarmService farm) {
    this.service = service;
    this.store = store;
    asks =
        Counter.builder("farm.asks")
            .description("trials handed out: new ones and WAITING ones started (cluster-wide)")
            .register(registry);
    for (TrialState s : TrialState.values()) {
      if (s.isFinished()) {
        tells.put(
            s,
            Counter.builder("farm.tells")
                .tag("state", s.name())
                .description("trials finished, by state (cluster-wide)")
                .register(registry));
      }
      Gauge.builder("farm.trials", this, m -> m.count(s))
          .tag("state", s.name())
          .description("trials in each state now, over all studies")
          .register(registry);
    }
    Gauge.builder("farm.slices", farm, f -> f.state().slices().size())
        .description("slices the agents offer")
        .register(registry);
    Gauge.builder(
            "farm.slices.busy",
            farm,
            f -> f.state().slices().stream().filter(s -> s.study() != null).count())
        .description("slices lent to a trial")
        .register(registry);
    leasesLost =
        Counter.builder("farm.leases.lost")
            .description("RUNNING trials whose lease expired (this member's sweeps)")
            .register(registry);
  }

  /** Counts an ask or a tell from a trial's change ({@code before} null for a new trial). */
  public void changed(Trial before, Trial after) {
    boolean wasRunning = before != null && before.state() == TrialState.RUNNING;
    if (after.state() == TrialState.RUNNING && !wasRunning) {
      asks.increment();
    } else if (after.state().isFinished() && (before == null || !before.state().isFinished())) {
      tells.get(after.state()).increment();
    }
  }

  /** Counts leases that one sweep found expired. */
  public void leasesLost(int n) {
    leasesLost.increment(n);
  }

  private double count(TrialState state) {
    long now = System.currentTimeMillis();
    if (now - countedAt > COUNTS_MILLIS) {
      Map<TrialState, Integer> next = new EnumMap<>(TrialState.class);
      for (TrialState s : TrialState.values()) {
        next.put(s, 0);
      }
      service
          .all()
          .forEach(
              study ->
                  store.trials(study.id()).forEach(t -> next.merge(t.state(), 1, Integer::sum)));
      counts = next;
      countedAt = now;
    }
    return counts.getOrDefault(state, 0);
  }
}
