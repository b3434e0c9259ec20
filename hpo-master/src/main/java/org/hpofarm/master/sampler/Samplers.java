package org.hpofarm.master.sampler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.sampler.auto.AutoSampler;
import org.hpofarm.master.sampler.cmaes.CmaEsSampler;
import org.hpofarm.master.sampler.evolution.EvolutionSampler;
import org.hpofarm.master.sampler.gp.GpSampler;
import org.hpofarm.master.sampler.tpe.TpeSampler;
import org.hpofarm.master.sampler.tpe.TpeSettings;

/** Creates samplers by type name, validating their options. */
public final class Samplers {

  /** The sampler type names, as used in a study's {@code sampler.type}. */
  public static final List<String> TYPES =
      List.of("auto", "random", "sobol", "grid", "tpe", "gp", "cmaes", "evolution");

  /** Default values per numeric parameter of a grid. */
  static final int GRID_POINTS = 10;

  private Samplers() {}

  /** The sampler a spec names; throws {@link IllegalArgumentException} naming the bad field. */
  public static Sampler create(SamplerSpec spec) {
    Options options = new Options("sampler", spec.options());
    return switch (spec.type()) {
      case "random" -> {
        options.allowOnly();
        yield new RandomSampler();
      }
      case "sobol" -> {
        options.allowOnly("scramble");
        yield new SobolSampler(options.getBoolean("scramble", true));
      }
      case "grid" -> {
        options.allowOnly("points");
        yield grid(options);
      }
      case "tpe" -> new TpeSampler(TpeSettings.fromOptions(options));
      case "gp" -> new GpSampler(options);
      case "auto" -> new AutoSampler(options);
      case "cmaes" -> new CmaEsSampler(options);
      case "evolution" -> new EvolutionSampler(options);
      default ->
          throw new IllegalArgumentException(
              "sampler.type: unknown sampler '" + spec.type() + "' (one of " + TYPES + ")");
    };
  }

  /**
   * {@code points}: an integer for every parameter, or an object from parameter name to one ({@code
   * "*"} for the others).
   */
  private static GridSampler grid(Options options) {
    Object points = options.values().get("points");
    if (points instanceof Map<?, ?> byName) {
      Map<String, Integer> parsed = new LinkedHashMap<>();
      int dflt = GRID_POINTS;
      for (var e : byName.entrySet()) {
        String name = String.valueOf(e.getKey());
        if (e.getValue() == null) {
          throw new IllegalArgumentException("sampler.points." + name + ": must be an integer");
        }
        Options one = new Options("sampler.points", Map.of(name, e.getValue()));
        int n = one.getInt(name, 0, 1, 1_000_000);
        if ("*".equals(name)) {
          dflt = n;
        } else {
          parsed.put(name, n);
        }
      }
      return new GridSampler(dflt, parsed);
    }
    return new GridSampler(options.getInt("points", GRID_POINTS, 1, 1_000_000));
  }
}
