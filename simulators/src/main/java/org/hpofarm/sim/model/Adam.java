package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Adam, and AdamW with decoupled weight decay, on PyTorch's fused update, with its moment estimates
 * and step counts kept for checkpoints.
 */
final class Adam extends SteppedOptimizer {

  private final float lr;
  private final float beta1;
  private final float beta2;
  private final float weightDecay;
  private final boolean decoupled;

  /** Adam ({@code decoupled} false, no weight decay) or AdamW ({@code decoupled}, 0.01). */
  Adam(float lr, float beta1, float beta2, boolean decoupled) {
    super(2);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.decoupled = decoupled;
    this.weightDecay = decoupled ? 0.01f : 0f;
  }

  @Override
  public void update(String id, NDArray weight, NDArray grad) {
    int t = step(id);
    double corrected = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    NDArray[] moments = estimates(id, weight);
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, grad, moments[0], moments[1]),
            new NDList(weight),
            lr,
            (float) corrected,
            weightDecay,
            1f,
            -1f,
            beta1,
            beta2,
            1e-8f,
            true,
            decoupled);
  }
}
