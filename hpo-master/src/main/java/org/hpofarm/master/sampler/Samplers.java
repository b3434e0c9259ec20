package org.hpofarm.master.sampler;

import java.util.List;
import org.hpofarm.master.core.Options;
import org.hpofarm.master.sampler.auto.AutoSampler;
import org.hpofarm.master.sampler.auto.AutoSettings;
import org.hpofarm.master.sampler.cmaes.CmaEsSampler;
import org.hpofarm.master.sampler.cmaes.CmaEsSettings;
import org.hpofarm.master.sampler.evolution.EvolutionSampler;
import org.hpofarm.master.sampler.evolution.EvolutionSettings;
import org.hpofarm.master.sampler.gp.GpSampler;
import org.hpofarm.master.sampler.gp.GpSettings;
import org.hpofarm.master.sampler.tpe.TpeSampler;
import org.hpofarm.master.sampler.tpe.TpeSettings;

/**
 * Creates samplers by type name. Each type reads and validates its own options with a static {@code
 * from(Options)} next to it: on its settings record ({@link TpeSettings#from}, {@link
 * GpSettings#from}, ...), or on the sampler itself for the grid; random and sobol, with at most one
 * option, are read here.
 */
public final class Samplers {

  /** The sampler type names, as used in a study's {@code sampler.type}. */
  public static final List<String> TYPES =
      List.of("auto", "random", "sobol", "grid", "tpe", "gp", "cmaes", "evolution");

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
      case "grid" -> GridSampler.from(options);
      case "tpe" -> new TpeSampler(TpeSettings.from(options));
      case "gp" -> new GpSampler(GpSettings.from(options));
      case "auto" -> new AutoSampler(AutoSettings.from(options));
      case "cmaes" -> new CmaEsSampler(CmaEsSettings.from(options));
      case "evolution" -> new EvolutionSampler(EvolutionSettings.from(options));
      default ->
          throw new IllegalArgumentException(
              "sampler.type: unknown sampler '" + spec.type() + "' (one of " + TYPES + ")");
    };
  }
}
