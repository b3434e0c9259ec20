package org.hpofarm.master.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunersTest {

  private static Pruner create(String type, Map<String, Object> options) {
    return Pruners.create(new PrunerSpec(type, options));
  }

  private static void rejects(String field, String type, Map<String, Object> options) {
    var e = assertThrows(IllegalArgumentException.class, () -> create(type, options));
    assertTrue(e.getMessage().startsWith("pruner." + field + ":"), e.getMessage());
  }

  @Test
  void createsEveryType() {
    assertEquals(
        java.util.List.of("none", "median", "percentile", "asha", "hyperband", "threshold"),
        Pruners.TYPES);
    assertInstanceOf(NonePruner.class, create("none", Map.of()));
    assertInstanceOf(NonePruner.class, Pruners.create(PrunerSpec.none()));
    assertInstanceOf(AshaPruner.class, create("asha", Map.of("minSteps", 1, "reductionFactor", 3)));
    assertInstanceOf(
        PercentilePruner.class,
        create(
            "median",
            Map.of("nStartupTrials", 3, "nWarmupSteps", 2, "intervalSteps", 1, "minTrials", 2)));
    assertInstanceOf(PercentilePruner.class, create("percentile", Map.of("percentile", 25.0)));
    assertInstanceOf(
        HyperbandPruner.class,
        create("hyperband", Map.of("minResource", 1, "maxResource", 81, "reductionFactor", 3)));
    assertInstanceOf(HyperbandPruner.class, create("hyperband", Map.of("maxSteps", "auto")));
    assertInstanceOf(AshaPruner.class, create("asha", Map.of("minResource", "auto")));
    assertInstanceOf(
        ThresholdPruner.class, create("threshold", Map.of("upper", 1.5, "nWarmupSteps", 3)));
  }

  @Test
  void rejectsBadOptionsNamingTheField() {
    rejects("type", "optimal", Map.of());
    rejects("minStep", "asha", Map.of("minStep", 1));
    rejects("reductionFactor", "asha", Map.of("reductionFactor", 1));
    rejects("minSteps", "asha", Map.of("minSteps", 0));
    rejects("minSteps", "asha", Map.of("minSteps", "soon"));
    rejects("minResource", "asha", Map.of("minSteps", 1, "minResource", 2));
    rejects("maxSteps", "hyperband", Map.of("minSteps", 10, "maxSteps", 5));
    rejects("nStartupTrials", "median", Map.of("nStartupTrials", -1));
    rejects("intervalSteps", "median", Map.of("intervalSteps", 0));
    rejects("nMinTrials", "median", Map.of("minTrials", 1, "nMinTrials", 2));
    rejects("percentile", "percentile", Map.of());
    rejects("percentile", "percentile", Map.of("percentile", 120));
    rejects("lower", "threshold", Map.of());
    rejects("lower", "threshold", Map.of("lower", 2, "upper", 1));
    rejects("upper", "threshold", Map.of("upper", "high"));
    rejects("minSteps", "none", Map.of("minSteps", 1));
  }
}
