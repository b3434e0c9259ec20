package org.hpofarm.mig.nvml;

/**
 * A compute process that NVML reports on a GPU or MIG device.
 *
 * @param gpuInstanceId {@code -1} (0xFFFFFFFF) when MIG is off
 */
public record NvmlProcess(
    int pid, long usedMemoryBytes, int gpuInstanceId, int computeInstanceId) {}
