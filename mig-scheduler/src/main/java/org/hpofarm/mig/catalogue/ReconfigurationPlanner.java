package org.hpofarm.mig.catalogue;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proposes MIG layouts for a group of GPUs from the demand by profile: a pure planning policy that
 * decides, never reconfigures.
 */
public final class ReconfigurationPlanner {

  /*
   * Greedy cover: for each GPU, choose the valid layout that hosts the most still-unmet compute
   * slices (instances of demanded profiles, counted up to what remains), ties going to the layout
   * that wastes fewer compute slices. Once demand is met, the remaining GPUs take the maximal
   * layout with the most instances of the most demanded profile, so that spare capacity has the
   * shape the farm is asked for. Greedy set cover is within ln(n) of optimal (Chvatal 1979); for
   * the handful of layouts of one GPU model it is exact on every case we test.
   */

  private final GpuModel model;
  private final List<Layout> candidates;

  public ReconfigurationPlanner(GpuModel model) {
    if (!model.migCapable()) {
      throw new IllegalArgumentException("model: " + model.name() + " has no MIG profiles");
    }
    this.model = model;
    this.candidates = Geometry.layouts(model);
  }

  /** A proposal for {@code gpus} GPUs hosting {@code demand} instances per profile name. */
  public Reconfiguration propose(int gpus, Map<String, Integer> demand) {
    if (gpus < 0) {
      throw new IllegalArgumentException("gpus: must not be negative, got " + gpus);
    }
    Map<String, Integer> remaining = new HashMap<>();
    demand.forEach(
        (name, count) -> {
          model.requireProfile(name);
          if (count < 0) {
            throw new IllegalArgumentException("demand." + name + ": must not be negative");
          }
          if (count > 0) {
            remaining.put(name, count);
          }
        });
    String favourite =
        demand.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(model.profiles().get(0).name());
    Layout filler =
        Geometry.maximalLayouts(model).stream()
            .max(
                Comparator.comparingLong((Layout l) -> l.counts().getOrDefault(favourite, 0L))
                    .thenComparingInt(Layout::computeSlices))
            .orElseThrow();
    Map<String, Integer> chosen = new LinkedHashMap<>();
    for (int g = 0; g < gpus; g++) {
      Layout best = remaining.isEmpty() ? filler : best(remaining);
      if (best == null) {
        best = filler;
      }
      chosen.merge(best.describe(), 1, Integer::sum);
      best.counts()
          .forEach(
              (name, count) ->
                  remaining.computeIfPresent(
                      name, (k, v) -> v - count.intValue() > 0 ? v - count.intValue() : null));
    }
    return new Reconfiguration(model, chosen, remaining);
  }

  private Layout best(Map<String, Integer> remaining) {
    Layout best = null;
    int bestServed = 0;
    int bestWaste = Integer.MAX_VALUE;
    for (Layout layout : candidates) {
      int served = 0;
      int used = 0;
      for (Placement p : layout.placements()) {
        used += p.profile().computeSlices();
      }
      for (Map.Entry<String, Long> e : layout.counts().entrySet()) {
        int wanted = remaining.getOrDefault(e.getKey(), 0);
        int slices = model.requireProfile(e.getKey()).computeSlices();
        served += (int) Math.min(wanted, e.getValue()) * slices;
      }
      int waste = model.computeSlices() - used;
      if (served > bestServed || (served == bestServed && served > 0 && waste < bestWaste)) {
        best = layout;
        bestServed = served;
        bestWaste = waste;
      }
    }
    return best;
  }
}
