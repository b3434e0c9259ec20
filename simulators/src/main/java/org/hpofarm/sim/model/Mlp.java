package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A multilayer perceptron held as plain weight arrays (no DJL {@code Block}): fused linear layers,
 * an activation between them, optional dropout, and a chosen output function.
 */
public final class Mlp {

  /*
   * Why not SequentialBlock: a Block's forward goes through parameter lookups and NDList
   * bookkeeping for every layer of every batch; with networks this small (about 0.3 M weights) the
   * Java-side overhead is a visible share of a training step. Here a layer is one fused
   * {@code linear} call (PyTorch's addmm) on weight arrays that live on the device for the whole
   * run. Initialisation is PyTorch's default for nn.Linear, U(−1/√fan_in, 1/√fan_in) for weights
   * and biases, drawn from the injected Java generator so that a seed reproduces the network on
   * any engine or device.
   */

  public enum Output {
    LINEAR,
    SIGMOID
  }

  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> biases = new ArrayList<>();
  private final String activation;
  private final float dropout;
  private final Output output;

  public Mlp(
      NDManager manager,
      int[] sizes,
      String activation,
      double dropout,
      Output output,
      RandomGenerator rng) {
    this.activation = activation;
    this.dropout = (float) dropout;
    this.output = output;
    for (int i = 0; i + 1 < sizes.length; i++) {
      int in = sizes[i];
      int out = sizes[i + 1];
      float bound = (float) (1 / Math.sqrt(in));
      float[] w = new float[in * out];
      for (int k = 0; k < w.length; k++) {
        w[k] = (float) ((rng.nextDouble() * 2 - 1) * bound);
      }
      float[] b = new float[out];
      for (int k = 0; k < b.length; k++) {
        b[k] = (float) ((rng.nextDouble() * 2 - 1) * bound);
      }
      NDArray wa = manager.create(w, new Shape(out, in));
      NDArray ba = manager.create(b, new Shape(out));
      wa.setRequiresGradient(true);
      ba.setRequiresGradient(true);
      weights.add(wa);
      biases.add(ba);
    }
  }

  /** Forward pass; dropout is active only when training. */
  public NDArray forward(NDArray x, boolean training) {
    NDArray h = x;
    int n = weights.size();
    for (int i = 0; i < n; i++) {
      h = h.getNDArrayInternal().linear(h, weights.get(i), biases.get(i)).singletonOrThrow();
      if (i < n - 1) {
        h = activate(h);
        if (training && dropout > 0) {
          h = Dropout.dropout(h, dropout, true).singletonOrThrow();
        }
      }
    }
    return output == Output.SIGMOID ? Activation.sigmoid(h) : h;
  }

  private NDArray activate(NDArray h) {
    return switch (activation) {
      case "relu" -> Activation.relu(h);
      case "gelu" -> Activation.gelu(h);
      case "silu" -> h.mul(Activation.sigmoid(h)); // not swish(h, 1): see Differentiable
      case "leaky_relu" -> Activation.leakyRelu(h, 0.2f);
      case "tanh" -> Activation.tanh(h);
      default -> throw new IllegalArgumentException("activation: unknown " + activation);
    };
  }

  /** Every trainable array, weights then biases per layer. */
  public List<NDArray> parameters() {
    List<NDArray> all = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      all.add(weights.get(i));
      all.add(biases.get(i));
    }
    return all;
  }

  /** Copies values into the parameters (same order as {@link #parameters()}). */
  void load(NDList values) {
    List<NDArray> params = parameters();
    if (values.size() != params.size()) {
      throw new IllegalArgumentException(
          "checkpoint: expected " + params.size() + " arrays, got " + values.size());
    }
    for (int i = 0; i < params.size(); i++) {
      NDArray src = values.get(i);
      if (!src.getShape().equals(params.get(i).getShape())) {
        throw new IllegalArgumentException(
            "checkpoint: array "
                + i
                + " has shape "
                + src.getShape()
                + ", expected "
                + params.get(i).getShape());
      }
      params.get(i).set(src.toFloatArray());
    }
  }

  /** Hidden sizes narrowing from {@code width} by halves: depth 2, width 256 → [256, 128]. */
  static int[] funnel(int in, int width, int depth, int out, boolean reversed) {
    int[] sizes = new int[depth + 2];
    sizes[0] = in;
    for (int i = 0; i < depth; i++) {
      int level = reversed ? depth - 1 - i : i;
      sizes[i + 1] = Math.max(8, width >> level);
    }
    sizes[depth + 1] = out;
    return sizes;
  }
}
