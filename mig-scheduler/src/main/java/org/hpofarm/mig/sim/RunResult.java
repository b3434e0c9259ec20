package org.hpofarm.mig.sim;

/**
 * The figures of one allocator over a simulated burst.
 *
 * @param utilisation busy slice-hours over available slice-hours in the window (up to the makespan
 *     when the burst ends first)
 * @param placementP50Micros median wall time of one placement (choose, decide, record)
 * @param placementP99Micros 99th percentile of the same
 * @param makespanHours from the window's start to the last trial's end, had the farm stayed
 * @param fairness Jain's index of the slice-hours each study got in the window (1 = equal)
 * @param completedInWindow trials that finished inside the window
 * @param runningAtWindowEnd trials the window-end policy would checkpoint and stop
 * @param oneNodeGroups the part of worker groups placed on a single node (1 when groups are 1)
 * @param campaignShare the last study's part of the slice-hours in the window
 */
public record RunResult(
    String allocator,
    double utilisation,
    double placementP50Micros,
    double placementP99Micros,
    double makespanHours,
    double fairness,
    long placements,
    long completedInWindow,
    long runningAtWindowEnd,
    double oneNodeGroups,
    double campaignShare) {}
