package org.hpofarm.master.pruner;

import java.util.Map;

/**
 * A study's choice of pruner: type ({@code none}, {@code median}, {@code percentile}, {@code asha},
 * {@code hyperband}, {@code threshold}) and options.
 */
public record PrunerSpec(String type, Map<String, Object> options) {

  public PrunerSpec {
    type = type == null ? "none" : type;
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  public static PrunerSpec none() {
    return new PrunerSpec("none", Map.of());
  }
}
