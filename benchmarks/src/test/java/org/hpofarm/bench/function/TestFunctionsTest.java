package org.hpofarm.bench.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestFunctionsTest {

  @Test
  void everyFunctionReachesItsOptimumAtItsArgmin() {
    for (TestFunction f : TestFunctions.ALL) {
      assertEquals(f.optimum(), f.evaluate(f.argmin()), 1e-4, f.name());
    }
  }

  @Test
  void braninAtTheOrigin() {
    // (0 - 0 + 0 - 6)^2 + 10 (1 - 1/(8 pi)) cos 0 + 10 = 56 - 10/(8 pi)
    double expected = 56 - 10 / (8 * Math.PI);
    assertEquals(expected, TestFunctions.BRANIN.evaluate(Map.of("x0", 0.0, "x1", 0.0)), 1e-12);
  }

  @Test
  void hartmann6AtTheCentreMatchesTheReferenceScript() {
    // the reference script's formula evaluated at (0.5, ..., 0.5)
    Map<String, Object> centre =
        Map.of("x0", 0.5, "x1", 0.5, "x2", 0.5, "x3", 0.5, "x4", 0.5, "x5", 0.5);
    assertEquals(-0.5053149917022333, TestFunctions.HARTMANN6.evaluate(centre), 1e-12);
  }

  @Test
  void rosenbrock4AtAnUnevenPoint() {
    // (0.5, -1, 0, 2): [100 (-1.25)^2 + 0.5^2] + [100 (0 - 1)^2 + 2^2] + [100 (2 - 0)^2 + 1^2]
    //                = 156.5 + 104 + 401
    Map<String, Object> p = Map.of("x0", 0.5, "x1", -1.0, "x2", 0.0, "x3", 2.0);
    assertEquals(661.5, TestFunctions.ROSENBROCK4.evaluate(p), 1e-9);
  }

  @Test
  void ackley5AtOnes() {
    // mean of squares 1, mean of cos(2 pi) 1: -20 e^-0.2 - e + 20 + e = 20 (1 - e^-0.2)
    Map<String, Object> p = Map.of("x0", 1.0, "x1", 1.0, "x2", 1.0, "x3", 1.0, "x4", 1.0);
    assertEquals(20 * (1 - Math.exp(-0.2)), TestFunctions.ACKLEY5.evaluate(p), 1e-12);
  }

  @Test
  void levyMixedWithAnOffIntegerAndCategorical() {
    // w = (1, 1, 1, 1.25): only the last term, 0.25^2 (1 + sin^2(2.5 pi)) = 0.125, plus tanh's 0.7
    Map<String, Object> p = Map.of("x0", 1.0, "lr", 1e-2, "x2", 1.0, "n", 8L, "act", "tanh");
    assertEquals(0.825, TestFunctions.LEVY_MIXED.evaluate(p), 1e-12);
  }

  @Test
  void argminsArePointsOfTheirSpaces() {
    for (TestFunction f : TestFunctions.ALL) {
      assertEquals(f.argmin(), f.space().validatePoint(f.argmin()), f.name());
    }
  }

  @Test
  void byNamesKeepsTheOrderAndRejectsUnknownNames() {
    assertEquals(
        List.of(TestFunctions.ACKLEY5, TestFunctions.BRANIN),
        TestFunctions.byNames(List.of("ackley5", "branin")));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> TestFunctions.byNames(List.of("sphere")));
    assertEquals(true, e.getMessage().startsWith("funcs: unknown function 'sphere'"));
  }
}
