package org.hpofarm.mig.slice;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The slices a farm (or one agent) offers, in a stable order. Built from NVML ({@code
 * org.hpofarm.mig.nvml.NvmlInventory}), from CPU cores ({@link #cpu}) or from a simulated
 * description ({@link FarmDescription}).
 */
public record Inventory(List<Slice> slices) {
  public Inventory {
    slices = List.copyOf(slices);
    Set<String> ids = new HashSet<>();
    for (Slice s : slices) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("inventory: slice id " + s.id() + " appears twice");
      }
    }
  }

  /** {@code slots} CPU slots on one node, named {@code <node>/cpu-<i>}. */
  public static Inventory cpu(String node, int slots, long memoryMiBPerSlot) {
    if (slots < 1) {
      throw new IllegalArgumentException("cpu.slots: must be positive, got " + slots);
    }
    return new Inventory(
        IntStream.range(0, slots)
            .mapToObj(
                i ->
                    new Slice(
                        node + "/cpu-" + i,
                        SliceKind.CPU,
                        node,
                        null,
                        "cpu",
                        "cpu",
                        memoryMiBPerSlot,
                        0))
            .toList());
  }

  /** CPU slots from this machine's cores: one slot per {@code coresPerSlot} cores, at least one. */
  public static Inventory localCpu(String node, int coresPerSlot) {
    if (coresPerSlot < 1) {
      throw new IllegalArgumentException("cpu.coresPerSlot: must be positive, got " + coresPerSlot);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    long memory = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    int slots = Math.max(1, cores / coresPerSlot);
    return cpu(node, slots, memory / slots);
  }

  /** Slices grouped by GPU id, in inventory order; CPU slots are left out. */
  public Map<String, List<Slice>> gpus() {
    return slices.stream()
        .filter(s -> s.gpu() != null)
        .collect(Collectors.groupingBy(Slice::gpu, LinkedHashMap::new, Collectors.toList()));
  }

  /** This inventory followed by another's slices. */
  public Inventory plus(Inventory other) {
    return new Inventory(Stream.concat(slices.stream(), other.slices.stream()).toList());
  }

  public int size() {
    return slices.size();
  }
}
