package org.hpofarm.bench.function;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.IntRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;

/**
 * The five test functions of the Optuna reference script, with the same definitions, search spaces
 * and known minima, so that the farm's regret and Optuna's can be compared line by line.
 */
public final class TestFunctions {

  /*
   * Definitions follow the usual benchmark literature (Surjanovic & Bingham, "Virtual Library of
   * Simulation Experiments: Test Functions and Datasets", Simon Fraser University) exactly as the
   * reference script writes them:
   *  - branin on [-5, 10] x [0, 15], three global minima of 0.397887;
   *  - hartmann6 on [0, 1]^6, minimum -3.32237;
   *  - rosenbrock in 4 dimensions on [-2, 2]^4, minimum 0 at (1, 1, 1, 1);
   *  - ackley in 5 dimensions on [-32.768, 32.768]^5, minimum 0 at the origin;
   *  - levy_mixed: Levy's function in 4 dimensions over a mixed space (two plain floats, one log
   *    float mapped by log10(lr) + 3, one integer divided by 4) plus a categorical offset; minimum
   *    0 at x0 = x2 = 1, lr = 1e-2, n = 4, act = relu.
   */

  /** Branin-Hoo. */
  public static final TestFunction BRANIN =
      new TestFunction(
          "branin",
          SearchSpace.of(
              new Parameter("x0", FloatRange.of(-5, 10)),
              new Parameter("x1", FloatRange.of(0, 15))),
          TestFunctions::branin,
          0.397887,
          Map.of("x0", Math.PI, "x1", 2.275));

  /** Hartmann's 6-dimensional function. */
  public static final TestFunction HARTMANN6 =
      new TestFunction(
          "hartmann6",
          floats(6, 0, 1),
          TestFunctions::hartmann6,
          -3.32237,
          point(0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573));

  /** Rosenbrock's valley in 4 dimensions. */
  public static final TestFunction ROSENBROCK4 =
      new TestFunction(
          "rosenbrock4", floats(4, -2, 2), p -> rosenbrock(p, 4), 0.0, point(1.0, 1.0, 1.0, 1.0));

  /** Ackley's function in 5 dimensions. */
  public static final TestFunction ACKLEY5 =
      new TestFunction(
          "ackley5",
          floats(5, -32.768, 32.768),
          p -> ackley(p, 5),
          0.0,
          point(0.0, 0.0, 0.0, 0.0, 0.0));

  /** Levy's function over a mixed space: floats (one log), an integer and a categorical. */
  public static final TestFunction LEVY_MIXED =
      new TestFunction(
          "levy_mixed",
          SearchSpace.of(
              new Parameter("x0", FloatRange.of(-10, 10)),
              new Parameter("lr", FloatRange.logOf(1e-5, 1e-1)),
              new Parameter("x2", FloatRange.of(-10, 10)),
              new Parameter("n", IntRange.of(-8, 12)),
              new Parameter("act", Categorical.of("relu", "tanh", "gelu", "elu"))),
          TestFunctions::levyMixed,
          0.0,
          Map.of("x0", 1.0, "lr", 1e-2, "x2", 1.0, "n", 4L, "act", "relu"));

  /** All five, in the reference script's order. */
  public static final List<TestFunction> ALL =
      List.of(BRANIN, HARTMANN6, ROSENBROCK4, ACKLEY5, LEVY_MIXED);

  private static final double[][] HARTMANN_A = {
    {10, 3, 17, 3.5, 1.7, 8},
    {0.05, 10, 17, 0.1, 8, 14},
    {3, 3.5, 1.7, 10, 17, 8},
    {17, 8, 0.05, 10, 0.1, 14}
  };
  private static final double[][] HARTMANN_P = {
    {.1312, .1696, .5569, .0124, .8283, .5886},
    {.2329, .4135, .8307, .3736, .1004, .9991},
    {.2348, .1451, .3522, .2883, .3047, .6650},
    {.4047, .8828, .8732, .5743, .1091, .0381}
  };
  private static final double[] HARTMANN_ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final Map<String, Double> ACTIVATION_OFFSET =
      Map.of("relu", 0.0, "tanh", 0.7, "gelu", 0.2, "elu", 1.3);

  private TestFunctions() {}

  /**
   * The functions called {@code names}, in that order, from the five and the held-out ones ({@link
   * HeldOutFunctions}); unknown names are an error.
   */
  public static List<TestFunction> byNames(List<String> names) {
    List<TestFunction> known = new ArrayList<>(ALL);
    known.addAll(HeldOutFunctions.ALL);
    List<TestFunction> out = new ArrayList<>();
    for (String name : names) {
      out.add(
          known.stream()
              .filter(f -> f.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "funcs: unknown function '"
                              + name
                              + "' (one of "
                              + known.stream().map(TestFunction::name).toList()
                              + ")")));
    }
    return List.copyOf(out);
  }

  /** The names of the five functions of the reference script. */
  public static List<String> names() {
    return ALL.stream().map(TestFunction::name).toList();
  }

  static double branin(Map<String, Object> p) {
    double x = x(p, "x0");
    double y = x(p, "x1");
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double u = y - b * x * x + c * x - 6;
    return u * u + 10 * (1 - t) * Math.cos(x) + 10;
  }

  static double hartmann6(Map<String, Object> p) {
    double[] x = vector(p, 6);
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        double d = x[j] - HARTMANN_P[i][j];
        inner += HARTMANN_A[i][j] * d * d;
      }
      sum += HARTMANN_ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  }

  static double rosenbrock(Map<String, Object> p, int d) {
    double[] x = vector(p, d);
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    return sum;
  }

  static double ackley(Map<String, Object> p, int d) {
    double[] x = vector(p, d);
    double squares = 0;
    double cosines = 0;
    for (double v : x) {
      squares += v * v;
      cosines += Math.cos(2 * Math.PI * v);
    }
    return -20 * Math.exp(-0.2 * Math.sqrt(squares / d)) - Math.exp(cosines / d) + 20 + Math.E;
  }

  static double levyMixed(Map<String, Object> p) {
    double[] x = {x(p, "x0"), Math.log10(x(p, "lr")) + 3.0, x(p, "x2"), x(p, "n") / 4.0};
    double[] w = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      w[i] = 1 + (x[i] - 1) / 4;
    }
    double first = Math.sin(Math.PI * w[0]);
    double v = first * first;
    for (int i = 0; i < w.length - 1; i++) {
      double s = Math.sin(Math.PI * w[i] + 1);
      v += (w[i] - 1) * (w[i] - 1) * (1 + 10 * s * s);
    }
    double last = w[w.length - 1];
    double s = Math.sin(2 * Math.PI * last);
    v += (last - 1) * (last - 1) * (1 + s * s);
    String act = (String) p.get("act");
    Double offset = ACTIVATION_OFFSET.get(act);
    if (offset == null) {
      throw new IllegalArgumentException("act: unknown activation '" + act + "'");
    }
    return v + offset;
  }

  private static SearchSpace floats(int d, double low, double high) {
    List<Parameter> params = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      params.add(new Parameter("x" + i, FloatRange.of(low, high)));
    }
    return new SearchSpace(params);
  }

  private static Map<String, Object> point(double... x) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      p.put("x" + i, x[i]);
    }
    return p;
  }

  private static double[] vector(Map<String, Object> p, int d) {
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = x(p, "x" + i);
    }
    return x;
  }

  private static double x(Map<String, Object> p, String name) {
    Object v = p.get(name);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(name + ": expected a number, got " + v);
    }
    return n.doubleValue();
  }
}
