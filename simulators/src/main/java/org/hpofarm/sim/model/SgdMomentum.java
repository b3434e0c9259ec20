package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * SGD with momentum 0.9 (on a GPU PyTorch's fused update, on the host a Java pass), its momentum
 * kept for checkpoints.
 */
final class SgdMomentum extends SteppedOptimizer {

  private static final float MOMENTUM = 0.9f;

  private final float lr;

  SgdMomentum(float lr) {
    super(1);
    this.lr = lr;
  }

  @Override
  public void update(String id, NDArray weight, NDArray grad) {
    step(id);
    weight
        .getNDArrayInternal()
        .sgdUpdate(
            new NDList(weight, grad, estimates(id, weight)[0]),
            new NDList(weight),
            lr,
            0f,
            1f,
            -1f,
            MOMENTUM,
            true);
  }

  /** The engine's form: the momentum gathers {@code lr} × gradient, the weight steps by it. */
  @Override
  void apply(int step, int n, float[] w, float[] g, float[][] estimates) {
    float[] momentum = estimates[0];
    for (int i = 0; i < n; i++) {
      float mi = momentum[i] * MOMENTUM + lr * g[i];
      momentum[i] = mi;
      w[i] -= mi;
    }
  }
}
