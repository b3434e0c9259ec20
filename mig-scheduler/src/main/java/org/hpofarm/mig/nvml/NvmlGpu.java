package org.hpofarm.mig.nvml;

import java.util.List;

/**
 * A physical GPU as NVML reports it, with its MIG devices and the profiles it supports.
 *
 * @param migCapable whether the GPU answers MIG queries at all
 * @param migEnabled whether MIG mode is currently on
 * @param profiles empty when the GPU is not MIG capable
 */
public record NvmlGpu(
    int index,
    String name,
    String uuid,
    long memoryMiB,
    boolean migCapable,
    boolean migEnabled,
    List<NvmlMigDevice> migDevices,
    List<NvmlGpuInstanceProfile> profiles,
    List<NvmlProcess> processes) {
  public NvmlGpu {
    migDevices = List.copyOf(migDevices);
    profiles = List.copyOf(profiles);
    processes = List.copyOf(processes);
  }
}
