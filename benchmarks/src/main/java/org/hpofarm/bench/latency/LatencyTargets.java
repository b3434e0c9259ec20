package org.hpofarm.bench.latency;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The project's ask-latency targets: the p99 each sampler must stay within at 1,000 completed
 * trials in 8 dimensions (Optuna 3.1's TPE takes about 50 ms there, its GP sampler seconds).
 */
public final class LatencyTargets {

  /** The history size the targets are stated at. */
  public static final int HISTORY = 1000;

  private static final Map<String, Double> P99_MICROS =
      Map.of("gp", 50_000.0, "tpe", 5_000.0, "random", 50.0, "sobol", 50.0);

  private LatencyTargets() {}

  /** The p99 target of {@code sampler} in microseconds at {@code history}, if there is one. */
  public static OptionalDouble p99Micros(String sampler, int history) {
    Double target = history == HISTORY ? P99_MICROS.get(sampler) : null;
    return target == null ? OptionalDouble.empty() : OptionalDouble.of(target);
  }
}
