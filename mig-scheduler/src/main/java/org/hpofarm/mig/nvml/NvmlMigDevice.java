package org.hpofarm.mig.nvml;

import java.util.List;

/**
 * A MIG device (a compute instance inside a GPU instance) as NVML reports it.
 *
 * @param index the MIG device index on its parent GPU (indices are sparse)
 * @param uuid {@code MIG-...}, what {@code CUDA_VISIBLE_DEVICES} takes
 * @param profile the GPU-instance profile name, e.g. {@code 1g.5gb}
 */
public record NvmlMigDevice(
    int index,
    String uuid,
    String name,
    String profile,
    int gpuInstanceId,
    int computeInstanceId,
    int gpuInstanceSlices,
    int computeInstanceSlices,
    int multiprocessors,
    long memoryMiB,
    List<NvmlProcess> processes) {
  public NvmlMigDevice {
    processes = List.copyOf(processes);
  }
}
