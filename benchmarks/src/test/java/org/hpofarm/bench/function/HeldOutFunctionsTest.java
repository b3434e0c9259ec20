package org.hpofarm.bench.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The held-out functions at their minima and at points worked out by hand (the same values as their
 * Optuna counterparts in optuna_heldout.py give).
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
    // mlp: (1)^2 / 4 + ((6 - 3) / 3)^2 + ((9 - 7) / 3)^2
    assertEquals(
        0.25 + 1 + 4.0 / 9,
        f.evaluate(Map.of("model", "mlp", "lr", 1e-2, "layers", 6L, "width", 512L)),
        1e-12);
    // cnn: 0.3 + (-2)^2 / 4 + 0.1 for kernel 7
    assertEquals(1.4, f.evaluate(Map.of("model", "cnn", "lr", 1e-4, "kernel", 7L)), 1e-12);
    // tree: 0.5 + (-1)^2 + 0.5^2
    assertEquals(1.75, f.evaluate(Map.of("model", "tree", "depth", 2L, "eta", 0.8)), 1e-12);
    // each branch's params are exactly the active ones
    f.space().validatePoint(Map.of("model", "tree", "depth", 2L, "eta", 0.8));
  }

  @Test
  void gridMixWithTheInteraction() {
    // u = v = -1, w = 1.25, z = 1: 1 + 1 + 1 + 1.5625 + 1 + 0.4 (sgd)
    Map<String, Object> p =
        Map.of("batch", 48L, "width", 64L, "dropout", 0.5, "wd", 1e-2, "opt", "sgd");
    assertEquals(5.9625, HeldOutFunctions.GRID_MIX.evaluate(p), 1e-12);
  }

  @Test
  void heldOutFunctionsAreSelectableByName() {
    assertEquals(
        List.of(HeldOutFunctions.GRID_MIX, TestFunctions.BRANIN),
        TestFunctions.byNames(List.of("grid_mix", "branin")));
  }
}
