package org.hpofarm.mig.nvml;

import java.util.List;

/**
 * A GPU-instance profile as the GPU itself reports it, with its possible placements.
 *
 * @param index the {@code NVML_GPU_INSTANCE_PROFILE_*} index it was asked for
 * @param id the profile id to create instances with (the id {@code nvidia-smi mig -lgip} shows)
 * @param name the profile name without NVML's {@code "MIG "} prefix, e.g. {@code 1g.5gb+me}
 */
public record NvmlGpuInstanceProfile(
    int index,
    int id,
    String name,
    int sliceCount,
    int instanceCount,
    int multiprocessors,
    long memoryMiB,
    List<NvmlPlacement> placements) {
  public NvmlGpuInstanceProfile {
    placements = List.copyOf(placements);
  }
}
