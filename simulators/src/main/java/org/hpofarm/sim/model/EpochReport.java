package org.hpofarm.sim.model;

/**
 * What a training run reports after each epoch.
 *
 * @param epoch epoch number, from 1
 * @param objective mean separation power against the evaluation reference (minimise)
 * @param loss mean training loss of the epoch
 * @param seconds wall time since the run started
 */
public record EpochReport(int epoch, double objective, double loss, double seconds) {}
