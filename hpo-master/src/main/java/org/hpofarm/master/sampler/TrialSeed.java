package org.hpofarm.master.sampler;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The randomness of one trial: the study's seed and the trial's number, from which a sampler draws
 * a reproducible random generator.
 */
public record TrialSeed(long study, int number) {

  /** A generator that depends only on the study seed and the trial number. */
  public RandomGenerator rng() {
    return new SplittableRandom(mix(study * 0x9E3779B97F4A7C15L + number));
  }

  /** A generator for a named purpose of this trial (independent of {@link #rng()}). */
  public RandomGenerator rng(String purpose) {
    return new SplittableRandom(
        mix(study * 0x9E3779B97F4A7C15L + number) ^ mix(purpose.hashCode()));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
