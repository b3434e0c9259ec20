package org.hpofarm.bench.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The held-out functions at their minima and at points worked out by hand (the same values as their
 * Optuna counterparts in optuna_reference.py give).
 */
class HeldOutFunctionsTest {

  @Test
  void everyFunctionReachesItsOptimumAtItsArgmin() {
    for (TestFunction f : HeldOutFunctions.ALL) {
      assertEquals(f.optimum(), f.evaluate(f.argmin()), 1e-4, f.name());
      assertEquals(f.argmin(), f.space().validatePoint(f.argmin()), f.name());
    }
  }

  @Test
  void styblinskiTangTermByTerm() {
    // x^4 - 16 x^2 + 5 x at 0, 1, -1, 2, -2, 3, -3, 4.5:
    // 0, -10, -20, -38, -58, -48, -78, 108.5625; half the sum is -71.71875
    double[] x = {0, 1, -1, 2, -2, 3, -3, 4.5};
    Map<String, Object> p = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      p.put("x" + i, x[i]);
    }
    assertEquals(-71.71875, HeldOutFunctions.STYBLINSKI_TANG8.evaluate(p), 1e-12);
  }

  @Test
  void conditionalBranches() {
    var f = HeldOutFunctions.CONDITIONAL_MLP;
    // mlp: (-2.7 + 3.7)^2 / 4 + ((3 - 6) / 3)^2 + ((log2 97 - log2 388) / 3)^2, 97 = 388 / 4
    assertEquals(
        0.25 + 1 + 4.0 / 9,
        f.evaluate(Map.of("model", "mlp", "lr", Math.pow(10, -2.7), "layers", 3L, "width", 97L)),
        1e-12);
    // cnn: 0.3 + (-3.3 + 1.3)^2 / 4 + 0.2 for kernel 5
    assertEquals(
        1.5, f.evaluate(Map.of("model", "cnn", "lr", Math.pow(10, -3.3), "kernel", 5L)), 1e-12);
    // tree: 0.5 + ((13 - 23) / 10)^2 + (0.33 - 0.83)^2
    assertEquals(1.75, f.evaluate(Map.of("model", "tree", "depth", 13L, "eta", 0.33)), 1e-12);
    // each branch's params are exactly the active ones
    f.space().validatePoint(Map.of("model", "tree", "depth", 13L, "eta", 0.33));
  }

  @Test
  void gridMixWithTheInteraction() {
    // u = (272 - 432) / 160 = -1, v = (log2 92 - log2 23) / 3 = 2/3, w = (0.05 - 0.45) / 0.2 = -2,
    // z = (-3.3 + 5.3) / 2 = 1: u^2 + v^2 + u v + w^2 + z^2 + 0.25 (sgd)
    Map<String, Object> p =
        Map.of(
            "batch", 272L, "width", 92L, "dropout", 0.05, "wd", Math.pow(10, -3.3), "opt", "sgd");
    assertEquals(
        1 + 4.0 / 9 - 2.0 / 3 + 4 + 1 + 0.25, HeldOutFunctions.GRID_MIX.evaluate(p), 1e-12);
  }

  @Test
  void minimaSitAwayFromTheCentreOfTheUnitCube() {
    for (TestFunction f : HeldOutFunctions.ALL) {
      double distance = 0;
      for (var p : f.space().parameters()) {
        Object v = f.argmin().get(p.name());
        if (v != null && !(p.distribution() instanceof org.hpofarm.master.space.Categorical)) {
          double u = p.distribution().toUnit(v) - 0.5;
          distance += u * u;
        }
      }
      assertTrue(Math.sqrt(distance) > 0.25, f.name() + " minimum too central");
    }
  }

  @Test
  void heldOutFunctionsAreSelectableByName() {
    assertEquals(
        List.of(HeldOutFunctions.GRID_MIX, TestFunctions.BRANIN),
        TestFunctions.byNames(List.of("grid_mix", "branin")));
  }
}
