package org.hpofarm.master.hopaas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.hpofarm.master.pruner.PrunerSpec;
import org.hpofarm.master.pruner.Pruners;
import org.hpofarm.master.sampler.SamplerSpec;
import org.hpofarm.master.sampler.Samplers;

/**
 * Optuna's sampler and pruner class names, as Hopaas clients send them, mapped to ours. Optuna's
 * snake_case arguments become camelCase options; the ones our implementation does not know are
 * dropped (a Hopaas script must run unchanged), while an unknown class name is an error.
 */
public final class OptunaNames {

  private static final Map<String, String> SAMPLERS =
      Map.of(
          "TPESampler", "tpe",
          "CmaEsSampler", "cmaes",
          "RandomSampler", "random",
          "GPSampler", "gp",
          "NSGAIISampler", "evolution",
          "QMCSampler", "sobol",
          "GridSampler", "grid");

  private static final Map<String, String> PRUNERS =
      Map.of(
          "MedianPruner", "median",
          "HyperbandPruner", "hyperband",
          "SuccessiveHalvingPruner", "asha",
          "NopPruner", "none",
          "ThresholdPruner", "threshold",
          "PercentilePruner", "percentile");

  private OptunaNames() {}

  /** Our sampler spec for an Optuna sampler name and arguments. */
  public static SamplerSpec sampler(String name, Map<String, Object> args) {
    String type = SAMPLERS.getOrDefault(name, name);
    Map<String, Object> options = camel(args);
    Object seed = options.remove("seed");
    long s = seed instanceof Number n ? n.longValue() : SamplerSpec.randomSeed();
    if (!Samplers.TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "hopaas_config.sampler.name: '"
              + name
              + "' is not available here (samplers: "
              + Samplers.TYPES
              + ")");
    }
    Map<String, Object> kept =
        keepKnown(options, o -> Samplers.create(new SamplerSpec(type, s, o)));
    return new SamplerSpec(type, s, kept);
  }

  /** Our pruner spec for an Optuna pruner name and arguments. */
  public static PrunerSpec pruner(String name, Map<String, Object> args) {
    String type = PRUNERS.getOrDefault(name, name);
    if (!Pruners.TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "hopaas_config.pruner.name: '"
              + name
              + "' is not available here (pruners: "
              + Pruners.TYPES
              + ")");
    }
    Map<String, Object> kept = keepKnown(camel(args), o -> Pruners.create(new PrunerSpec(type, o)));
    return new PrunerSpec(type, kept);
  }

  /** Drops options the implementation calls unknown, one by one, until it accepts the rest. */
  private static Map<String, Object> keepKnown(
      Map<String, Object> options, Consumer<Map<String, Object>> create) {
    Map<String, Object> kept = new LinkedHashMap<>(options);
    kept.values().removeIf(v -> v == null || "auto".equals(v));
    while (true) {
      try {
        create.accept(kept);
        return kept;
      } catch (IllegalArgumentException e) {
        String bad = unknownOption(e.getMessage(), kept);
        if (bad == null) {
          // a known option with a value we cannot take: leave the choice to the defaults
          if (kept.isEmpty()) {
            throw e;
          }
          kept.clear();
          continue;
        }
        kept.remove(bad);
      }
    }
  }

  private static String unknownOption(String message, Map<String, Object> options) {
    if (message == null || !message.contains("unknown option")) {
      return null;
    }
    for (String k : options.keySet()) {
      if (message.contains("." + k + ":")) {
        return k;
      }
    }
    return null;
  }

  private static Map<String, Object> camel(Map<String, Object> args) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (args == null) {
      return out;
    }
    args.forEach(
        (k, v) -> {
          StringBuilder b = new StringBuilder();
          boolean up = false;
          for (char c : k.toCharArray()) {
            if (c == '_') {
              up = true;
            } else {
              b.append(up ? Character.toUpperCase(c) : c);
              up = false;
            }
          }
          out.put(b.toString(), v);
        });
    if (out.containsKey("nStartupTrials")) {
      out.put("nStartup", out.remove("nStartupTrials"));
    }
    return out;
  }
}
