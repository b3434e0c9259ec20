package org.hpofarm.mig.nvml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hpofarm.mig.catalogue.GpuModel;
import org.hpofarm.mig.catalogue.MigProfile;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.mig.slice.SliceKind;

/**
 * Turns what NVML reports on one node into slices: each MIG device is a slice, each GPU without MIG
 * is a whole-GPU slice or, where the site shares GPUs, several shared slots.
 */
public final class NvmlInventory {

  private NvmlInventory() {}

  /**
   * The node's slices.
   *
   * @param sharedSlots slots per GPU without MIG; 1 gives whole-GPU slices
   */
  public static Inventory slices(String node, List<NvmlGpu> gpus, int sharedSlots) {
    if (sharedSlots < 1) {
      throw new IllegalArgumentException("nvml.sharedSlots: must be positive, got " + sharedSlots);
    }
    List<Slice> slices = new ArrayList<>();
    for (NvmlGpu gpu : gpus) {
      String model = modelKey(gpu);
      if (gpu.migEnabled()) {
        for (NvmlMigDevice d : gpu.migDevices()) {
          slices.add(
              new Slice(
                  d.uuid(),
                  SliceKind.MIG,
                  node,
                  gpu.uuid(),
                  model,
                  d.profile(),
                  d.memoryMiB(),
                  d.computeInstanceSlices()));
        }
      } else if (sharedSlots == 1) {
        slices.add(
            new Slice(
                gpu.uuid(),
                SliceKind.WHOLE_GPU,
                node,
                gpu.uuid(),
                model,
                "whole",
                gpu.memoryMiB(),
                0));
      } else {
        for (int i = 0; i < sharedSlots; i++) {
          slices.add(
              new Slice(
                  gpu.uuid() + "/" + i,
                  SliceKind.SHARED_GPU,
                  node,
                  gpu.uuid(),
                  model,
                  "shared",
                  gpu.memoryMiB() / sharedSlots,
                  0));
        }
      }
    }
    return new Inventory(slices);
  }

  /** Ids of the slices that already run a compute process (someone else's, or a leftover). */
  public static Set<String> busy(List<NvmlGpu> gpus) {
    Set<String> busy = new HashSet<>();
    for (NvmlGpu gpu : gpus) {
      if (gpu.migEnabled()) {
        gpu.migDevices().stream()
            .filter(d -> !d.processes().isEmpty())
            .forEach(d -> busy.add(d.uuid()));
      } else if (!gpu.processes().isEmpty()) {
        busy.add(gpu.uuid());
      }
    }
    return busy;
  }

  /**
   * The GPU's model as NVML describes it: the profiles, sizes, instance limits and start slots it
   * reports. This is how a GPU absent from the public tables (the A100 64GB) is planned for.
   */
  public static GpuModel model(NvmlGpu gpu) {
    List<MigProfile> profiles = new ArrayList<>();
    int slots = 0;
    int compute = 0;
    for (NvmlGpuInstanceProfile p : gpu.profiles()) {
      if (p.placements().isEmpty()) {
        continue;
      }
      int size = p.placements().get(0).size();
      for (NvmlPlacement placement : p.placements()) {
        slots = Math.max(slots, placement.start() + placement.size());
      }
      compute = Math.max(compute, p.sliceCount());
      profiles.add(
          new MigProfile(
              p.name(),
              p.sliceCount(),
              size,
              p.memoryMiB(),
              p.instanceCount(),
              p.placements().stream().map(NvmlPlacement::start).toList()));
    }
    return new GpuModel(
        modelKey(gpu), gpu.memoryMiB(), Math.max(compute, 1), Math.max(slots, 1), profiles);
  }

  /**
   * A model key from the marketing name: {@code NVIDIA A100-SXM4-64GB} gives {@code
   * a100-sxm4-64gb}.
   */
  static String modelKey(NvmlGpu gpu) {
    String name = gpu.name().toLowerCase(Locale.ROOT).replace("nvidia ", "").replace("tesla ", "");
    return name.trim().replace(' ', '-');
  }
}
