package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hpofarm.sim.data.ShowerSet;

/**
 * Shower generation batch by batch, for every model: each batch's incident energies become
 * conditions, the model answers network-space rows for them, and the rows are decoded into voxel
 * energies. A batch's arrays live in a sub-manager closed after the batch.
 */
final class Generation {

  /** A model's answer for one batch: {@code VoxelScale.width(voxels)} values per shower. */
  interface Rows {
    /**
     * @param batch the batch's manager
     * @param c the conditions as a column
     * @param conditions the same conditions on the host
     */
    float[] of(NDManager batch, NDArray c, float[] conditions);
  }

  private Generation() {}

  static ShowerSet generate(
      ModelContext context, NDManager manager, float[] incidentEnergies, int batch, Rows rows) {
    int n = incidentEnergies.length;
    int v = context.geometry().voxels();
    int w = VoxelScale.width(v);
    float[] out = new float[n * v];
    VoxelScale scale = context.scale();
    float threshold = (float) context.geometry().thresholdMev();
    for (int start = 0; start < n; start += batch) {
      int end = Math.min(n, start + batch);
      float[] cond = new float[end - start];
      for (int i = start; i < end; i++) {
        cond[i - start] = scale.condition(incidentEnergies[i]);
      }
      try (NDManager m = manager.newSubManager()) {
        float[] y = rows.of(m, m.create(cond, new Shape(end - start, 1)), cond);
        for (int i = start; i < end; i++) {
          scale.decode(y, (i - start) * w, v, incidentEnergies[i], threshold, out, i * v);
        }
      }
    }
    return new ShowerSet(context.geometry(), incidentEnergies.clone(), out);
  }
}
