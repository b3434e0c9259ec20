package org.hpofarm.sim.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;

class VoxelScaleProperties {

  private final VoxelScale scale = new VoxelScale(VoxelScale.DEFAULT_DELTA, 256, 4194304);

  @Property
  boolean encodedValuesLieInTheUnitInterval(
      @ForAll @Size(min = 1, max = 50) float[] voxels,
      @ForAll @FloatRange(min = 256, max = 4194304) float incident) {
    float[] x = new float[VoxelScale.width(voxels.length)];
    scale.encode(voxels, 0, voxels.length, incident, x, 0);
    for (float v : x) {
      if (!(v >= 0 && v <= 1)) {
        return false;
      }
    }
    return true;
  }

  @Property
  boolean decodedShowersAreNonNegativeAndBounded(
      @ForAll @Size(min = 1, max = 50) float[] y,
      @ForAll @FloatRange(min = 256, max = 4194304) float incident) {
    int v = y.length - 1;
    if (v < 1) {
      return true;
    }
    float[] out = new float[v];
    scale.decode(y, 0, v, incident, 0f, out, 0);
    double total = 0;
    for (float e : out) {
      if (!(e >= 0)) {
        return false;
      }
      total += e;
    }
    return total <= VoxelScale.MAX_RATIO * incident * (1 + 1e-5);
  }
}
