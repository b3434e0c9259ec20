package org.hpofarm.master.pruner;

import java.util.List;
import org.hpofarm.master.core.Options;

/**
 * Creates pruners by type name. Each type reads and validates its own options with a static {@code
 * from(Options)} on its class ({@link AshaPruner#from}, ...; {@link
 * PercentilePruner#median(Options)} for the median rule); none, with no options, is read here.
 */
public final class Pruners {

  /** The pruner type names, as used in a study's {@code pruner.type}. */
  public static final List<String> TYPES =
      List.of("none", "median", "percentile", "asha", "hyperband", "threshold");

  private Pruners() {}

  /** The pruner a spec names; throws {@link IllegalArgumentException} naming the bad field. */
  public static Pruner create(PrunerSpec spec) {
    Options options = new Options("pruner", spec.options());
    return switch (spec.type()) {
      case "none" -> {
        options.allowOnly();
        yield new NonePruner();
      }
      case "median" -> PercentilePruner.median(options);
      case "percentile" -> PercentilePruner.from(options);
      case "asha" -> AshaPruner.from(options);
      case "hyperband" -> HyperbandPruner.from(options);
      case "threshold" -> ThresholdPruner.from(options);
      default ->
          throw new IllegalArgumentException(
              "pruner.type: unknown pruner '" + spec.type() + "' (one of " + TYPES + ")");
    };
  }
}
