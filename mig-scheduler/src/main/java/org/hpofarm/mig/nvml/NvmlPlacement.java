package org.hpofarm.mig.nvml;

/** A possible placement of a GPU instance: memory slots {@code [start, start + size)}. */
public record NvmlPlacement(int start, int size) {}
