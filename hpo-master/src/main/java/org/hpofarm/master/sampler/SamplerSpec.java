package org.hpofarm.master.sampler;

import java.util.Map;

/**
 * A study's choice of sampler: its type ({@code random}, {@code sobol}, {@code grid}, {@code tpe},
 * {@code gp}, {@code cmaes}, {@code evolution}, {@code auto}), seed and type-specific options.
 */
public record SamplerSpec(String type, long seed, Map<String, Object> options) {

  public SamplerSpec {
    type = type == null ? "auto" : type;
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  public static SamplerSpec of(String type, long seed) {
    return new SamplerSpec(type, seed, Map.of());
  }
}
