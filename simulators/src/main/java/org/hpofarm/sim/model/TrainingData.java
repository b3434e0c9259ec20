package org.hpofarm.sim.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
    float[] xs = new float[n * v];
    float[] xcs = new float[n * (v + 1)];
    float[] cs = new float[n];
    float[] vox = set.voxels();
    for (int i = 0; i < n; i++) {
      float e = set.incidentEnergies()[i];
      cs[i] = scale.condition(e);
      for (int j = 0; j < v; j++) {
        float t = scale.toNetwork(vox[i * v + j], e);
        xs[i * v + j] = t;
        xcs[i * (v + 1) + j] = t;
      }
      xcs[i * (v + 1) + v] = cs[i];
    }
    NDManager m = NDManager.newBaseManager(device);
    return new TrainingData(
        m,
        m.create(xs, new Shape(n, v)),
        m.create(cs, new Shape(n, 1)),
        m.create(xcs, new Shape(n, v + 1)),
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
}
