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
 * Test functions beyond the reference script's five, on the kinds of space it leaves out (eight
 * dimensions, conditional parameters, integer and float grids, log integers), to check that a
 * sampler tuned on the five generalises. Optuna counterparts are in the resource {@code
 * optuna_reference.py} beside {@link org.hpofarm.bench.quality.OptunaReference}.
 */
public final class HeldOutFunctions {

  /*
   * - styblinski_tang8: Styblinski & Tang (1990), 0.5 * sum(x^4 - 16 x^2 + 5 x) on [-5, 5]^8,
   *   separable and multimodal (2^8 local minima), minimum 8 * -39.16616570377141 at
   *   x_i = -2.903534018185960.
   * - conditional_mlp: a model choice with parameters present only for some models (an MLP with
   *   log learning rate, layers and a log-int width; a CNN with learning rate and a kernel size
   *   choice; a tree model with depth and eta). Each branch is a bowl with its own floor: MLP 0,
   *   CNN 0.3, tree 0.5; minimum 0 at model = mlp, lr = 10^-3.7, layers = 6, width = 388.
   * - grid_mix: an integer on a step grid, a log integer, a float on a step grid, a log float and
   *   a categorical, with an interaction between the two integers (a positive-definite quadratic
   *   form), minimum 0 at batch = 432, width = 23, dropout = 0.45, wd = 10^-5.3, opt = rmsprop.
   * The minima sit away from the centre of the unit cube and from round values (in unit
   * coordinates between 0.14 and 0.83), so that no sampler gains from starting at the centre.
   */

  private static final double ST_X = -2.903534018185960;
  private static final double ST_PER_DIM = -39.16616570377141;

  /** Styblinski-Tang in 8 dimensions. */
  public static final TestFunction STYBLINSKI_TANG8 =
      new TestFunction(
          "styblinski_tang8",
          floats(8, -5, 5),
          p -> styblinskiTang(p, 8),
          8 * ST_PER_DIM,
          point(8, ST_X));

  /** A conditional space: which parameters exist depends on the model chosen. */
  public static final TestFunction CONDITIONAL_MLP =
      new TestFunction(
          "conditional_mlp",
          SearchSpace.of(
              new Parameter("model", Categorical.of("mlp", "cnn", "tree")),
              new Parameter(
                  "lr", FloatRange.logOf(1e-5, 1), Map.of("model", List.of("mlp", "cnn"))),
              new Parameter("layers", IntRange.of(1, 8), Map.of("model", List.of("mlp"))),
              new Parameter(
                  "width", new IntRange(16, 1024, true, 1), Map.of("model", List.of("mlp"))),
              new Parameter("kernel", Categorical.of(3, 5, 7), Map.of("model", List.of("cnn"))),
              new Parameter("depth", IntRange.of(2, 30), Map.of("model", List.of("tree"))),
              new Parameter("eta", FloatRange.of(0, 1), Map.of("model", List.of("tree")))),
          HeldOutFunctions::conditionalMlp,
          0.0,
          Map.of("model", "mlp", "lr", Math.pow(10, -3.7), "layers", 6L, "width", 388L));

  /** Grids and log integers with an interaction. */
  public static final TestFunction GRID_MIX =
      new TestFunction(
          "grid_mix",
          SearchSpace.of(
              new Parameter("batch", new IntRange(16, 512, false, 16)),
              new Parameter("width", new IntRange(8, 2048, true, 1)),
              new Parameter("dropout", new FloatRange(0, 0.6, false, 0.05)),
              new Parameter("wd", FloatRange.logOf(1e-6, 1e-1)),
              new Parameter("opt", Categorical.of("sgd", "adam", "adamw", "rmsprop"))),
          HeldOutFunctions::gridMix,
          0.0,
          Map.of(
              "batch",
              432L,
              "width",
              23L,
              "dropout",
              0.45,
              "wd",
              Math.pow(10, -5.3),
              "opt",
              "rmsprop"));

  /** All held-out functions. */
  public static final List<TestFunction> ALL = List.of(STYBLINSKI_TANG8, CONDITIONAL_MLP, GRID_MIX);

  private static final Map<Object, Double> KERNEL_OFFSET = Map.of(3L, 0.1, 5L, 0.2, 7L, 0.0);
  private static final Map<String, Double> OPTIMISER_OFFSET =
      Map.of("sgd", 0.25, "adam", 0.1, "adamw", 0.4, "rmsprop", 0.0);
  private static final double LOG2 = Math.log(2);

  private HeldOutFunctions() {}

  static double styblinskiTang(Map<String, Object> p, int d) {
    double s = 0;
    for (int i = 0; i < d; i++) {
      double x = x(p, "x" + i);
      s += x * x * x * x - 16 * x * x + 5 * x;
    }
    return 0.5 * s;
  }

  static double conditionalMlp(Map<String, Object> p) {
    String model = (String) p.get("model");
    return switch (model) {
      case "mlp" -> {
        double lr = Math.log10(x(p, "lr")) + 3.7;
        double layers = (x(p, "layers") - 6) / 3;
        double width = (Math.log(x(p, "width")) / LOG2 - Math.log(388) / LOG2) / 3;
        yield lr * lr / 4 + layers * layers + width * width;
      }
      case "cnn" -> {
        double lr = Math.log10(x(p, "lr")) + 1.3;
        yield 0.3 + lr * lr / 4 + offset(KERNEL_OFFSET, p.get("kernel"), "kernel");
      }
      case "tree" -> {
        double depth = (x(p, "depth") - 23) / 10;
        double eta = x(p, "eta") - 0.83;
        yield 0.5 + depth * depth + eta * eta;
      }
      default -> throw new IllegalArgumentException("model: unknown model '" + model + "'");
    };
  }

  static double gridMix(Map<String, Object> p) {
    double u = (x(p, "batch") - 432) / 160;
    double v = (Math.log(x(p, "width")) / LOG2 - Math.log(23) / LOG2) / 3;
    double w = (x(p, "dropout") - 0.45) / 0.2;
    double z = (Math.log10(x(p, "wd")) + 5.3) / 2;
    return u * u + v * v + u * v + w * w + z * z + offset(OPTIMISER_OFFSET, p.get("opt"), "opt");
  }

  private static double offset(Map<?, Double> offsets, Object choice, String name) {
    Double v = offsets.get(choice);
    if (v == null) {
      throw new IllegalArgumentException(name + ": unknown choice '" + choice + "'");
    }
    return v;
  }

  private static SearchSpace floats(int d, double low, double high) {
    List<Parameter> params = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      params.add(new Parameter("x" + i, FloatRange.of(low, high)));
    }
    return new SearchSpace(params);
  }

  private static Map<String, Object> point(int d, double x) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (int i = 0; i < d; i++) {
      p.put("x" + i, x);
    }
    return p;
  }

  private static double x(Map<String, Object> p, String name) {
    Object v = p.get(name);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(name + ": expected a number, got " + v);
    }
    return n.doubleValue();
  }
}
