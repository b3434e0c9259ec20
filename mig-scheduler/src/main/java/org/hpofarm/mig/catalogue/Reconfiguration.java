package org.hpofarm.mig.catalogue;

import java.util.Map;

/**
 * A proposed MIG configuration for a set of GPUs of one model.
 *
 * @param layouts how many GPUs get each layout, keyed by layout description
 * @param unmet the demanded instances, by profile, that the proposal cannot host
 */
public record Reconfiguration(
    GpuModel model, Map<String, Integer> layouts, Map<String, Integer> unmet) {
  public Reconfiguration {
    layouts = Map.copyOf(layouts);
    unmet = Map.copyOf(unmet);
  }
}
