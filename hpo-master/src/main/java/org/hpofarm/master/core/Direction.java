package org.hpofarm.master.core;

import java.util.Locale;

/** Whether an objective is to be minimised or maximised. */
public enum Direction {
  MINIMIZE,
  MAXIMIZE;

  /** +1 for MINIMIZE, -1 for MAXIMIZE: multiplying a value by it gives a value to minimise. */
  public double sign() {
    return this == MINIMIZE ? 1 : -1;
  }

  /** Parses {@code minimize}/{@code maximize} (any case, also minimise/maximise). */
  public static Direction parse(String s) {
    return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
      case "minimize", "minimise", "min" -> MINIMIZE;
      case "maximize", "maximise", "max" -> MAXIMIZE;
      default ->
          throw new IllegalArgumentException(
              "direction must be minimize or maximize, got '" + s + "'");
    };
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
