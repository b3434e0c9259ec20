package org.hpofarm.sim.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.hpofarm.sim.data.ShowerSet;

/**
 * Training showers in network space, resident on the device for the whole run: voxels x (N × V),
 * condition c (N × 1) and their concatenation (N × (V + 1)), the encoder's and critic's input.
 */
public final class TrainingData implements AutoCloseable {

  private final NDManager manager;
  private final NDArray x;
  private final NDArray c;
  private final NDArray xc;
  private final int size;

  private TrainingData(NDManager manager, NDArray x, NDArray c, NDArray xc, int size) {
    this.manager = manager;
    this.x = x;
    this.c = c;
    this.xc = xc;
    this.size = size;
  }

  /** Scales and uploads a set of showers. */
  public static TrainingData of(ShowerSet set, VoxelScale scale, Device device) {
    int n = set.size();
    int v = set.width();
    int w = VoxelScale.width(v);
    float[] xs = new float[n * w];
    float[] cs = new float[n];
    for (int i = 0; i < n; i++) {
      float e = set.incidentEnergies()[i];
      cs[i] = scale.condition(e);
      scale.encode(set.voxels(), i * v, v, e, xs, i * w);
    }
    return ofNetworkSpace(xs, cs, w, device);
  }

  /**
   * Uploads data already in network space: {@code x} is N × W values in [0, 1], {@code c} the N
   * conditions.
   */
  public static TrainingData ofNetworkSpace(float[] x, float[] c, int voxels, Device device) {
    int n = c.length;
    if (x.length != n * voxels) {
      throw new IllegalArgumentException("data.x: expected " + n * voxels + " values");
    }
    float[] xcs = new float[n * (voxels + 1)];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, i * voxels, xcs, i * (voxels + 1), voxels);
      xcs[i * (voxels + 1) + voxels] = c[i];
    }
    NDManager m = NDManager.newBaseManager(device);
    return new TrainingData(
        m,
        m.create(x, new Shape(n, voxels)),
        m.create(c, new Shape(n, 1)),
        m.create(xcs, new Shape(n, voxels + 1)),
        n);
  }

  public int size() {
    return size;
  }

  NDArray x() {
    return x;
  }

  NDArray c() {
    return c;
  }

  NDArray xc() {
    return xc;
  }

  NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }

  /** The numbers 0 .. n-1 in an order shuffled by {@code rng} (Fisher-Yates): one epoch's order. */
  static long[] shuffledOrder(int n, RandomGenerator rng) {
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      long t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
