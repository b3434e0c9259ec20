package org.hpofarm.sim.model;

import java.util.List;

/** The registry of model families, keyed by name. */
public final class Models {

  /** Registered names. */
  public static final List<String> NAMES = List.of(CaloVae.NAME, CaloGan.NAME);

  private Models() {}

  /** The family registered under {@code name}. */
  public static ModelFamily family(String name) {
    return switch (name) {
      case CaloVae.NAME -> new CaloVae.Family();
      case CaloGan.NAME -> new CaloGan.Family();
      default ->
          throw new IllegalArgumentException(
              "model: unknown model '" + name + "', expected one of " + NAMES);
    };
  }
}
