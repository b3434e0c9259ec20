package org.hpofarm.sim.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.shower.Beam;
import org.hpofarm.sim.shower.ShowerGenerator;
import org.junit.jupiter.api.Test;

class MetricTest {

  @Test
  void separationPowerOfKnownHistograms() {
    assertEquals(0.0, SeparationPower.of(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}));
    assertEquals(1.0, SeparationPower.of(new double[] {1, 0}, new double[] {0, 1}), 1e-12);
    // ½ [(0.6−0.4)²/1 + (0.4−0.6)²/1] = 0.04
    assertEquals(0.04, SeparationPower.of(new double[] {0.6, 0.4}, new double[] {0.4, 0.6}), 1e-12);
  }

  @Test
  void quantileBinsAreEquallyFilledByTheReference() {
    double[] ref = new double[1000];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = i;
    }
    SeparationPower sp = SeparationPower.binnedOn(ref, 10);
    for (double h : sp.histogram(ref)) {
      assertEquals(0.1, h, 0.0011);
    }
    double[] shifted = new double[1000];
    for (int i = 0; i < ref.length; i++) {
      shifted[i] = i + 5000;
    }
    assertEquals(0.0, sp.between(ref, ref));
    assertTrue(sp.between(ref, shifted) > 0.8);
  }

  @Test
  void featuresOfASingleVoxelShower() {
    Geometry g = Geometry.preset("small");
    float[] v = new float[g.voxels()];
    // layer 1 (8 radial x 10 angular): angular bin 0, radial bin 2 (10..20 mm), 500 MeV
    v[g.offset(1) + 2] = 500f;
    Features f = Features.of(new ShowerSet(g, new float[] {1000f}, v));
    int e1 = f.names().indexOf("E_1");
    int cx = f.names().indexOf("cx_1");
    int cr = f.names().indexOf("cr_1");
    int wx = f.names().indexOf("wx_1");
    int sp = f.names().indexOf("sparsity_1");
    int ratio = f.names().indexOf("Etot/Einc");
    assertEquals(500, f.values()[e1], 1e-9);
    assertEquals(15 * Math.cos(Math.PI / 10), f.values()[cx], 1e-9);
    assertEquals(15, f.values()[cr], 1e-9);
    assertEquals(0, f.values()[wx], 1e-9);
    assertEquals(79.0 / 80, f.values()[sp], 1e-12);
    assertEquals(0.5, f.values()[ratio], 1e-12);
  }

  @Test
  void referenceFloorIsSmallAndAMismatchedSampleIsFar() {
    Geometry g = Geometry.preset("small");
    ShowerGenerator gen = new ShowerGenerator(g, Beam.defaultFor(g));
    ShowerSet a = gen.generate(3000, 1);
    ShowerSet b = gen.generate(3000, 2);
    Fidelity fidelity = new Fidelity(a);
    double floor = fidelity.objective(b);
    assertTrue(floor < 0.02, "floor " + floor);
    // the same showers with every voxel scaled by 1.3: clearly different
    float[] scaled = b.voxels().clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= 1.3f;
    }
    double off = fidelity.objective(new ShowerSet(g, b.incidentEnergies(), scaled));
    assertTrue(off > 5 * floor, "scaled " + off + " vs floor " + floor);
    // seeded: the extrapolated FPD of two samples of 3,000 spreads over about ±0.35 with the seed
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
    double fpdSame = fidelity.fpd(b, rng);
    double fpdOff = fidelity.fpd(new ShowerSet(g, b.incidentEnergies(), scaled), rng);
    assertTrue(Math.abs(fpdSame) < 0.5, "fpd same " + fpdSame);
    assertTrue(fpdOff > 10 * Math.abs(fpdSame), "fpd off " + fpdOff);
  }

  @Test
  void frechetDistanceOfShiftedGaussians() {
    // identical covariance, mean shifted by (1, 2): FD = 1 + 4
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(11);
    int n = 20000;
    double[] a = new double[2 * n];
    double[] b = new double[2 * n];
    for (int i = 0; i < n; i++) {
      a[2 * i] = rng.nextGaussian();
      a[2 * i + 1] = rng.nextGaussian();
      b[2 * i] = rng.nextGaussian() + 1;
      b[2 * i + 1] = rng.nextGaussian() + 2;
    }
    assertEquals(5.0, FrechetDistance.between(a, n, b, n, 2), 0.1);
  }
}
