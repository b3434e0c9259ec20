package org.hpofarm.master.sampler;

import java.util.List;
import org.hpofarm.master.sampler.gp.GpSampler;
import org.hpofarm.master.study.Options;

/** Creates samplers by type name, validating their options. */
public final class Samplers {

  /** The sampler type names, as used in a study's {@code sampler.type}. */
  public static final List<String> TYPES = List.of("random", "gp");

  private Samplers() {}

  /** The sampler a spec names; throws {@link IllegalArgumentException} naming the bad field. */
  public static Sampler create(SamplerSpec spec) {
    Options options = new Options("sampler", spec.options());
    return switch (spec.type()) {
      case "random" -> {
        options.allowOnly();
        yield new RandomSampler();
      }
      case "gp" -> new GpSampler(options);
      default ->
          throw new IllegalArgumentException(
              "sampler.type: unknown sampler '" + spec.type() + "' (one of " + TYPES + ")");
    };
  }
}
