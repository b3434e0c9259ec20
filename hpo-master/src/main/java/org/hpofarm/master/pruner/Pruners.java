package org.hpofarm.master.pruner;

import java.util.List;
import org.hpofarm.master.study.Options;

/** Creates pruners by type name, validating their options. */
public final class Pruners {

  /** The pruner type names, as used in a study's {@code pruner.type}. */
  public static final List<String> TYPES = List.of("none");

  private Pruners() {}

  /** The pruner a spec names; throws {@link IllegalArgumentException} naming the bad field. */
  public static Pruner create(PrunerSpec spec) {
    Options options = new Options("pruner", spec.options());
    return switch (spec.type()) {
      case "none" -> {
        options.allowOnly();
        yield new NonePruner();
      }
      default ->
          throw new IllegalArgumentException(
              "pruner.type: unknown pruner '" + spec.type() + "' (one of " + TYPES + ")");
    };
  }
}
