package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * RMSProp (PyTorch's form: {@code v = rho v + (1 - rho) g²}, {@code w -= lr g / (sqrt(v) + eps)}):
 * on the host a Java pass, on a GPU array operations (DJL's PyTorch engine has no fused RMSProp
 * update). Its state, one mean square per weight array, is kept for checkpoints.
 */
final class RmsProp extends SteppedOptimizer {

  private static final float RHO = 0.9f;
  private static final float EPS = 1e-8f;

  private final float lr;

  RmsProp(float lr) {
    super(1);
    this.lr = lr;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    boolean grading = JniUtils.isGradMode();
    JniUtils.setGradMode(false); // in-place updates of leaf weights, as torch.no_grad()
    try {
      step(parameterId);
      NDArray v = estimates(parameterId, weight)[0];
      NDArray square = grad.square();
      square.attach(grad.getManager());
      v.muli(RHO).addi(square.muli(1 - RHO));
      NDArray denominator = v.sqrt();
      denominator.attach(grad.getManager());
      denominator.addi(EPS);
      NDArray step = grad.div(denominator);
      step.attach(grad.getManager());
      weight.subi(step.muli(lr));
    } finally {
      JniUtils.setGradMode(grading);
    }
  }

  @Override
  void apply(int step, int n, float[] w, float[] g, float[][] estimates) {
    float[] v = estimates[0];
    for (int i = 0; i < n; i++) {
      float gi = g[i];
      float vi = v[i] * RHO + (1 - RHO) * gi * gi;
      v[i] = vi;
      w[i] -= lr * (gi / ((float) Math.sqrt(vi) + EPS));
    }
  }
}
