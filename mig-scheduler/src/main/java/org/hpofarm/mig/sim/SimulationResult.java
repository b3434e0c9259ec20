package org.hpofarm.mig.sim;

/** A simulated burst: the farm's allocator and the first-fit baseline on the same trials. */
public record SimulationResult(
    String farm,
    int slices,
    int trials,
    int studies,
    String durations,
    double windowHours,
    long seed,
    RunResult bestFit,
    RunResult firstFit) {}
