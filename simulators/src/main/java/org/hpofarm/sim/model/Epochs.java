package org.hpofarm.sim.model;

/** The seed of one epoch's random numbers, from a training's seed and the epoch alone. */
final class Epochs {

  private Epochs() {}

  /** A well-mixed seed for {@code epoch} of a training seeded {@code seed} (SplitMix64). */
  static long seed(long seed, int epoch) {
    long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
