package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Adam, and AdamW with decoupled weight decay (on a GPU PyTorch's fused update, on the host a Java
 * pass), with its moment estimates and step counts kept for checkpoints.
 */
final class Adam extends SteppedOptimizer {

  private static final float EPS = 1e-8f;

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
    float corrected = corrected(t);
    NDArray[] moments = estimates(id, weight);
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, grad, moments[0], moments[1]),
            new NDList(weight),
            lr,
            corrected,
            weightDecay,
            1f,
            -1f,
            beta1,
            beta2,
            EPS,
            true,
            decoupled);
  }

  /**
   * The engine's update, entry by entry: AdamW first shrinks the weight by {@code lr} × decay; then
   * the moments, and the step of the bias-corrected rate over √v + ε.
   */
  @Override
  void apply(int step, int n, float[] w, float[] g, float[][] estimates) {
    float corrected = corrected(step);
    float shrink = 1 - lr * weightDecay;
    float[] m = estimates[0];
    float[] v = estimates[1];
    float c1 = 1 - beta1;
    float c2 = 1 - beta2;
    for (int i = 0; i < n; i++) {
      float gi = g[i];
      float mi = m[i] * beta1 + c1 * gi;
      float vi = v[i] * beta2 + c2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] = w[i] * shrink - corrected * mi / ((float) Math.sqrt(vi) + EPS);
    }
  }

  /** The learning rate of step {@code t} with both moments' bias corrections. */
  private float corrected(int t) {
    return (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
  }
}
