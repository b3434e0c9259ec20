package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/** Builds the models' optimisers by name and applies one update to a list of weight arrays. */
final class Optimizers {

  /** Optimiser names a model accepts. */
  static final List<Object> NAMES = List.of("adam", "adamw", "rmsprop", "sgd");

  private Optimizers() {}

  /**
   * The optimiser {@code name} at learning rate {@code lr} (Adam's betas {@code beta1}, {@code
   * beta2}), its whole state kept for checkpoints.
   */
  static SteppedOptimizer stateful(String name, double lr, double beta1, double beta2) {
    return switch (name) {
      case "adam" -> new Adam((float) lr, (float) beta1, (float) beta2, false);
      case "adamw" -> new Adam((float) lr, (float) beta1, (float) beta2, true);
      case "rmsprop" -> new RmsProp((float) lr); // DJL's PyTorch engine has no fused one
      case "sgd" -> new SgdMomentum((float) lr);
      default -> throw new IllegalArgumentException("optimizer: unknown optimiser " + name);
    };
  }

  /**
   * Applies the optimiser to every array from its accumulated gradient, then zeroes the gradients
   * (PyTorch accumulates them across backward passes). Gradient handles go to {@code scratch}.
   */
  static void step(
      SteppedOptimizer optimizer, String prefix, List<NDArray> params, NDManager scratch) {
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray g = p.getGradient();
      g.attach(scratch);
      optimizer.updateAndZero(prefix + i, p, g);
    }
  }

  /** Zeroes the gradients without updating. */
  static void zero(List<NDArray> params) {
    for (NDArray p : params) {
      JniUtils.zeroGrad((PtNDArray) p);
    }
  }
}
