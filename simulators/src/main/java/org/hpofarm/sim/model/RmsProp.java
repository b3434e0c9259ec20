package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RMSProp (PyTorch's form: {@code v = rho v + (1 - rho) g²}, {@code w -= lr g / (sqrt(v) + eps)})
 * written with array operations, because DJL's PyTorch engine has no fused RMSProp update. Its
 * state, one mean square per weight array, lives with the weights.
 */
final class RmsProp extends Optimizer {

  private static final float RHO = 0.9f;
  private static final float EPS = 1e-8f;

  private final float lr;
  private final Map<String, NDArray> meanSquares = new ConcurrentHashMap<>();

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }

  RmsProp(float lr) {
    super(new Builder());
    this.lr = lr;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    boolean grading = JniUtils.isGradMode();
    JniUtils.setGradMode(false); // in-place updates of leaf weights, as torch.no_grad()
    try {
      NDArray v = meanSquares.computeIfAbsent(parameterId, k -> weight.zerosLike());
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
}
