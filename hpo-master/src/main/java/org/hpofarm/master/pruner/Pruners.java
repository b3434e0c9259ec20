package org.hpofarm.master.pruner;

import java.util.List;
import java.util.Locale;
import org.hpofarm.master.core.Options;

/** Creates pruners by type name, validating their options. */
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
      case "median" -> {
        options.allowOnly(
            "nStartupTrials", "nWarmupSteps", "intervalSteps", "minTrials", "nMinTrials");
        yield percentile(options, 50);
      }
      case "percentile" -> {
        options.allowOnly(
            "percentile",
            "nStartupTrials",
            "nWarmupSteps",
            "intervalSteps",
            "minTrials",
            "nMinTrials");
        if (!options.values().containsKey("percentile")) {
          throw new IllegalArgumentException("pruner.percentile: required, a number in [0, 100]");
        }
        yield percentile(options, options.getDouble("percentile", 50, 0, 100));
      }
      case "asha" -> {
        options.allowOnly(
            "minSteps", "minResource", "reductionFactor", "minEarlyStoppingRate", "bootstrapCount");
        yield new AshaPruner(
            steps(options, "minSteps", "minResource", 1),
            options.getInt("reductionFactor", 4, 2, 1_000),
            options.getInt("minEarlyStoppingRate", 0, 0, 30),
            options.getInt("bootstrapCount", 0, 0, Integer.MAX_VALUE));
      }
      case "hyperband" -> {
        options.allowOnly(
            "minSteps",
            "minResource",
            "maxSteps",
            "maxResource",
            "reductionFactor",
            "bootstrapCount");
        int min = steps(options, "minSteps", "minResource", 1);
        if (min == 0) {
          throw new IllegalArgumentException(
              "pruner.minSteps: must be an integer >= 1 for hyperband");
        }
        int max = steps(options, "maxSteps", "maxResource", 0);
        if (max != 0 && max < min) {
          throw new IllegalArgumentException(
              "pruner.maxSteps: must be >= minSteps (" + min + "), got " + max);
        }
        yield new HyperbandPruner(
            min,
            max,
            options.getInt("reductionFactor", 3, 2, 1_000),
            options.getInt("bootstrapCount", 0, 0, Integer.MAX_VALUE));
      }
      case "threshold" -> {
        options.allowOnly("lower", "upper", "nWarmupSteps", "intervalSteps");
        double lower = options.getDouble("lower", Double.NEGATIVE_INFINITY);
        double upper = options.getDouble("upper", Double.POSITIVE_INFINITY);
        if (!options.values().containsKey("lower") && !options.values().containsKey("upper")) {
          throw new IllegalArgumentException("pruner.lower: give lower, upper or both");
        }
        if (lower > upper) {
          throw new IllegalArgumentException(
              "pruner.lower: must not exceed upper (" + upper + "), got " + lower);
        }
        yield new ThresholdPruner(lower, upper, schedule(options));
      }
      default ->
          throw new IllegalArgumentException(
              "pruner.type: unknown pruner '" + spec.type() + "' (one of " + TYPES + ")");
    };
  }

  private static PercentilePruner percentile(Options options, double percentile) {
    if (options.values().containsKey("minTrials") && options.values().containsKey("nMinTrials")) {
      throw new IllegalArgumentException(
          "pruner.nMinTrials: give minTrials or nMinTrials, not both");
    }
    String minTrialsKey = options.values().containsKey("nMinTrials") ? "nMinTrials" : "minTrials";
    return new PercentilePruner(
        percentile,
        options.getInt("nStartupTrials", 5, 0, Integer.MAX_VALUE),
        schedule(options),
        options.getInt(minTrialsKey, 1, 1, Integer.MAX_VALUE));
  }

  private static PruningSchedule schedule(Options options) {
    return new PruningSchedule(
        options.getInt("nWarmupSteps", 0, 0, Integer.MAX_VALUE),
        options.getInt("intervalSteps", 1, 1, Integer.MAX_VALUE));
  }

  /**
   * A step count given under either of two names (ours and Optuna's), an integer >= 1 or {@code
   * "auto"} (returned as 0).
   */
  private static int steps(Options options, String name, String alias, int dflt) {
    boolean hasName = options.values().containsKey(name);
    boolean hasAlias = options.values().containsKey(alias);
    if (hasName && hasAlias) {
      throw new IllegalArgumentException(
          "pruner." + alias + ": give " + name + " or " + alias + ", not both");
    }
    String key = hasAlias ? alias : name;
    Object raw = options.values().get(key);
    if (raw instanceof String s) {
      if (s.toLowerCase(Locale.ROOT).equals("auto")) {
        return 0;
      }
      throw new IllegalArgumentException(
          "pruner." + key + ": must be an integer >= 1 or \"auto\", got " + s);
    }
    return options.getInt(key, dflt, 1, Integer.MAX_VALUE);
  }
}
