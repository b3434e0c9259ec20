package org.hpofarm.sim.group;

import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.shower.ShowerGenerator;

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
   * This rank's shard of the {@code n} training showers that {@code generator} makes from {@code
   * seed}, and only those, so that the ranks share the making too. The generator makes showers in
   * blocks of 1,024, each from its own random stream: rank r of a group of k takes blocks r, r + k,
   * r + 2k, …, when there are at least two a rank; a rank then keeps as many showers as the
   * smallest shard has (every rank makes as many optimiser steps an epoch, so as many averages, and
   * at most one block's remainder goes unused). With fewer blocks each rank makes every shower and
   * takes showers r, r + k, r + 2k, … (⌊n / k⌋ of them). A single worker gets them all.
   */
  public ShowerSet trainingShowers(ShowerGenerator generator, int n, long seed) {
    int k = group.worldSize();
    if (k == 1) {
      return generator.generate(n, seed);
    }
    if (n >= 2 * k * ShowerGenerator.CHUNK) {
      int common = Integer.MAX_VALUE;
      for (int r = 0; r < k; r++) {
        common = Math.min(common, ShowerGenerator.shardSize(n, r, k));
      }
      return generator.generateShard(n, seed, group.rank(), k).head(common);
    }
    ShowerSet all = generator.generate(n, seed);
    int per = n / k;
    int width = all.width();
    float[] energies = new float[per];
    float[] voxels = new float[per * width];
    for (int i = 0; i < per; i++) {
      int from = group.rank() + i * k;
      energies[i] = all.incidentEnergies()[from];
      System.arraycopy(all.voxels(), from * width, voxels, i * width, width);
    }
    return new ShowerSet(all.geometry(), energies, voxels);
  }
}
