package org.hpofarm.sim.model;

/** Receives each epoch's report; answering false stops the run (the trial was pruned). */
@FunctionalInterface
public interface EpochListener {
  boolean onEpoch(EpochReport report);
}
