package org.hpofarm.master.sampler;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A study's choice of sampler: its type ({@code random}, {@code sobol}, {@code grid}, {@code tpe},
 * {@code gp}, {@code cmaes}, {@code evolution}, {@code auto}), seed and type-specific options.
 */
public record SamplerSpec(String type, long seed, Map<String, Object> options) {

  /**
   * Seeds drawn for studies that name none are below this: exact as a number in any JSON client.
   */
  public static final long RANDOM_SEED_BOUND = 1L << 31;

  public SamplerSpec {
    type = type == null ? "auto" : type;
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  public static SamplerSpec of(String type, long seed) {
    return new SamplerSpec(type, seed, Map.of());
  }

  /**
   * A fresh seed for a study that names none, uniform in [0, {@value #RANDOM_SEED_BOUND}): two such
   * studies propose different points, and the seed, returned with the study, reproduces it.
   */
  public static long randomSeed() {
    return ThreadLocalRandom.current().nextLong(RANDOM_SEED_BOUND);
  }
}
