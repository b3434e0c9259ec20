package org.hpofarm.sim.group;

import org.hpofarm.sim.data.ShowerSet;

/**
 * How one training is shared by the ranks of a worker group: which group, how its ranks average
 * their weights, and how often.
 *
 * @param group this process's place in the group (a single worker: no sharing)
 * @param averaging how the weights are combined
 * @param averageEvery optimiser steps of each rank between two averages
 */
public record DataParallel(GroupSpec group, Averaging averaging, int averageEvery) {

  /** The default period: an average every 32 optimiser steps. */
  public static final int AVERAGE_EVERY = 32;

  public DataParallel {
    if (averageEvery < 1) {
      throw new IllegalArgumentException("averageEvery: must be >= 1, got " + averageEvery);
    }
  }

  /** A single worker. */
  public static DataParallel single() {
    return new DataParallel(GroupSpec.single(), Averaging.SYNC, AVERAGE_EVERY);
  }

  /**
   * This rank's shard of the training showers: rank r of a group of n takes showers r, r + n, r +
   * 2n, …, ⌊size / n⌋ of them, so that every rank has as many showers — and as many optimiser steps
   * per epoch, so as many averages — as every other (at most n - 1 showers go unused). Strided, not
   * in blocks: the generator draws energies independently, so either is a fair sample, and a stride
   * needs no care for the order the showers were made in. A single worker gets them all.
   */
  public ShowerSet shard(ShowerSet all) {
    int n = group.worldSize();
    if (n == 1) {
      return all;
    }
    int per = all.size() / n;
    int width = all.width();
    float[] energies = new float[per];
    float[] voxels = new float[per * width];
    for (int i = 0; i < per; i++) {
      int from = group.rank() + i * n;
      energies[i] = all.incidentEnergies()[from];
      System.arraycopy(all.voxels(), from * width, voxels, i * width, width);
    }
    return new ShowerSet(all.geometry(), energies, voxels);
  }
}
