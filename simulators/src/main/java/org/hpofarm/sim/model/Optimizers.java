package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;

/** Builds DJL optimisers by name and applies one update to a list of weight arrays. */
public final class Optimizers {

  /** Optimiser names a model accepts. */
  static final List<Object> NAMES = List.of("adam", "adamw", "rmsprop", "sgd");

  private Optimizers() {}

  public static Optimizer create(String name, double lr, double beta1, double beta2) {
    Tracker rate = Tracker.fixed((float) lr);
    return switch (name) {
      case "adam" ->
          Optimizer.adam()
              .optLearningRateTracker(rate)
              .optBeta1((float) beta1)
              .optBeta2((float) beta2)
              .build();
      case "adamw" ->
          Optimizer.adamW()
              .optLearningRateTracker(rate)
              .optBeta1((float) beta1)
              .optBeta2((float) beta2)
              .build();
      case "rmsprop" -> new RmsProp((float) lr); // DJL's PyTorch engine has none
      case "sgd" -> Optimizer.sgd().setLearningRateTracker(rate).optMomentum(0.9f).build();
      default -> throw new IllegalArgumentException("optimizer: unknown optimiser " + name);
    };
  }

  /**
   * Applies the optimiser to every array from its accumulated gradient, then zeroes the gradients
   * (PyTorch accumulates them across backward passes). Gradient handles go to {@code scratch}.
   */
  public static void step(
      Optimizer optimizer, String prefix, List<NDArray> params, NDManager scratch) {
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray g = p.getGradient();
      g.attach(scratch);
      optimizer.update(prefix + i, p, g);
      JniUtils.zeroGrad((PtNDArray) p);
    }
  }

  /** Zeroes the gradients without updating. */
  static void zero(List<NDArray> params) {
    for (NDArray p : params) {
      JniUtils.zeroGrad((PtNDArray) p);
    }
  }
}
