package org.hpofarm.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.shower.Beam;
import org.hpofarm.sim.shower.GFlash;
import org.hpofarm.sim.shower.ShowerGenerator;
import org.junit.jupiter.api.Test;

class SpotCountTest {

  private static final Geometry GEOMETRY = Geometry.preset("ds1-photon");

  private static float[] networkSpace(ShowerSet set, VoxelScale scale) {
    int v = set.width();
    int w = VoxelScale.width(v);
    float[] x = new float[set.size() * w];
    for (int i = 0; i < set.size(); i++) {
      scale.encode(set.voxels(), i * v, v, set.incidentEnergies()[i], x, i * w);
    }
    return x;
  }

  @Test
  void learnsTheReferenceSpotCountFromTheShowersAlone() {
    ShowerSet set = new ShowerGenerator(GEOMETRY, Beam.defaultFor(GEOMETRY)).generate(4000, 11);
    VoxelScale scale = VoxelScale.of(set.incidentEnergies());
    float[] c = new float[set.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = scale.condition(set.incidentEnergies()[i]);
    }
    SpotCount fit = SpotCount.fit(networkSpace(set, scale), c, set.width() + 1, scale);
    GFlash gflash = new GFlash(GEOMETRY.medium());
    for (double e : new double[] {1024, 65_536, 1_048_576}) {
      double ratio = fit.spots(scale.condition((float) e)) / gflash.spots(e);
      // contained spots above the readout threshold: somewhat fewer than GFlash throws
      assertTrue(ratio > 0.4 && ratio < 1.2, "E = " + e + " MeV: fitted / GFlash = " + ratio);
    }
  }

  @Test
  void resamplesAShapeIntoWholeSpotsAndLeavesTheTotalAlone() {
    VoxelScale scale = new VoxelScale(VoxelScale.DEFAULT_DELTA, 1000, 1000);
    int voxels = 50;
    float[] y = new float[voxels + 1];
    float[] fractions = new float[voxels];
    for (int v = 0; v < voxels; v++) {
      fractions[v] = (float) Math.exp(-v / 5.0);
    }
    scale.encode(fractions, 0, voxels, 1000f, y, 0);
    y[voxels] = 0.6f;
    SpotCount twenty = new SpotCount(Math.log(20), 0);
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(3);
    twenty.resample(y, 0, voxels, 0.5f, scale, rng);
    assertEquals(0.6f, y[voxels]);
    float[] energies = new float[voxels];
    scale.decode(y, 0, voxels, 1000f, 0f, energies, 0);
    double sum = 0;
    double smallest = Double.MAX_VALUE;
    for (float e : energies) {
      sum += e;
      if (e > 0) {
        smallest = Math.min(smallest, e);
      }
    }
    assertEquals(900.0, sum, 0.01); // 0.6 × 1.5 × 1000 MeV
    for (float e : energies) {
      double spots = e / smallest;
      assertEquals(Math.round(spots), spots, 1e-3, "every voxel holds whole spots");
    }
  }
}
