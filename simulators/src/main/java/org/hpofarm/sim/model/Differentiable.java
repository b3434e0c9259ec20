package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with constants that is safe under autograd on DJL's PyTorch engine. DJL's {@code
 * mul(Number)} wraps the number in a tensor over a direct buffer and closes it as soon as the
 * product is made, but autograd keeps that tensor for the backward pass; once the garbage collector
 * frees the buffer, the gradient reads freed memory (training then depends on when the collector
 * runs, and can turn to NaN). Here the constant belongs to the array's manager, which outlives the
 * backward pass.
 */
final class Differentiable {

  private Differentiable() {}

  /** {@code x · k}. */
  static NDArray times(NDArray x, float k) {
    return x.mul(x.getManager().create(k));
  }
}
