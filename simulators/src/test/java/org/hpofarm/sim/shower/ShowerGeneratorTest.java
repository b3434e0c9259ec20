package org.hpofarm.sim.shower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.geometry.Layer;
import org.hpofarm.sim.geometry.Material;
import org.hpofarm.sim.geometry.Medium;
import org.junit.jupiter.api.Test;

class ShowerGeneratorTest {

  private final Geometry ds1 = Geometry.preset("ds1-photon");

  @Test
  void theShardsOfASampleAreItsBlocksDealtRoundRobin() {
    Geometry small = Geometry.preset("small");
    ShowerGenerator g = new ShowerGenerator(small, Beam.defaultFor(small));
    int n = 3 * ShowerGenerator.CHUNK + 100; // blocks 0..3, the last one of 100 showers
    ShowerSet all = g.generate(n, 5);
    ShowerSet zero = g.generateShard(n, 5, 0, 2); // blocks 0 and 2
    ShowerSet one = g.generateShard(n, 5, 1, 2); // blocks 1 and 3
    int c = ShowerGenerator.CHUNK;
    int w = small.voxels();
    assertEquals(2 * c, zero.size());
    assertEquals(c + 100, one.size());
    assertEquals(zero.size(), ShowerGenerator.shardSize(n, 0, 2));
    assertEquals(one.size(), ShowerGenerator.shardSize(n, 1, 2));
    for (int block = 0; block < 4; block++) {
      ShowerSet shard = block % 2 == 0 ? zero : one;
      int from = block / 2 * c;
      int size = Math.min(n, (block + 1) * c) - block * c;
      assertArrayEquals(
          java.util.Arrays.copyOfRange(all.voxels(), block * c * w, (block * c + size) * w),
          java.util.Arrays.copyOfRange(shard.voxels(), from * w, (from + size) * w),
          "block " + block);
    }
  }

  @Test
  void reproducibleFromSeedAndNonNegative() {
    ShowerGenerator g = new ShowerGenerator(ds1, Beam.defaultFor(ds1));
    ShowerSet a = g.generate(300, 7);
    ShowerSet b = g.generate(300, 7);
    assertEquals(a, b);
    assertTrue(!a.equals(g.generate(300, 8)));
    for (float v : a.voxels()) {
      assertTrue(v >= 0);
    }
    for (float e : a.incidentEnergies()) {
      double k = Math.log(e) / Math.log(2);
      assertEquals(Math.rint(k), k, 1e-9);
      assertTrue(k >= 8 && k <= 22);
    }
  }

  @Test
  void meanLongitudinalProfileFollowsTheGammaIntegral() {
    // One thick homogeneous layer per X0: the mean energy per layer must follow the Gamma
    // profile integrated over the layer (electrons, fluctuations average out approximately).
    var layers = new java.util.ArrayList<Layer>();
    for (int i = 0; i < 30; i++) {
      layers.add(new Layer(1.0, new double[] {0, 1e5}, 1));
    }
    Geometry g = new Geometry("column", Medium.homogeneous(Material.PB), layers, 0);
    ShowerGenerator gen =
        new ShowerGenerator(
            g,
            new Beam(Particle.ELECTRON, new EnergySpectrum.Discrete(java.util.List.of(10_000.0))));
    ShowerSet s = gen.generate(4000, 1);
    double[] mean = new double[30];
    for (int i = 0; i < s.size(); i++) {
      for (int l = 0; l < 30; l++) {
        mean[l] += s.voxels()[i * 30 + l] / 10_000.0 / s.size();
      }
    }
    // depth of the maximum of the mean profile near the average T_hom = ln y − 0.858 = 6.35 X0
    int argmax = 0;
    for (int l = 1; l < 30; l++) {
      if (mean[l] > mean[argmax]) {
        argmax = l;
      }
    }
    assertTrue(argmax >= 4 && argmax <= 7, "maximum in layer " + argmax);
    double sum = java.util.Arrays.stream(mean).sum();
    assertTrue(sum > 0.97 && sum < 1.0 + 1e-6, "contained " + sum);
  }

  @Test
  void samplingResolutionIsTheStochasticTerm() {
    var layers = java.util.List.of(new Layer(40.0, new double[] {0, 1e5}, 1));
    Medium pbLar = Medium.sampling(Material.PB, 1.5, Material.LAR, 4.2, 0.1);
    Geometry g = new Geometry("block", pbLar, layers, 0);
    ShowerGenerator gen =
        new ShowerGenerator(
            g, new Beam(Particle.ELECTRON, new EnergySpectrum.Discrete(java.util.List.of(4000.0))));
    float[] e = gen.generate(4000, 2).voxels();
    double m = 0;
    double m2 = 0;
    for (float v : e) {
      m += v / e.length;
      m2 += (double) v * v / e.length;
    }
    double sigma = Math.sqrt(m2 - m * m) / m;
    assertEquals(0.1 / Math.sqrt(4.0), sigma, 0.006);
    assertEquals(4000, m, 40);
  }

  @Test
  void photonsShowerDeeperThanElectrons() {
    var spectrum = new EnergySpectrum.Discrete(java.util.List.of(65536.0));
    ShowerSet photons =
        new ShowerGenerator(ds1, new Beam(Particle.PHOTON, spectrum)).generate(500, 3);
    ShowerSet electrons =
        new ShowerGenerator(ds1, new Beam(Particle.ELECTRON, spectrum)).generate(500, 3);
    assertTrue(firstLayerMean(photons) < firstLayerMean(electrons));
  }

  @Test
  void generateAtKeepsTheEnergies() {
    ShowerGenerator g = new ShowerGenerator(ds1, Beam.defaultFor(ds1));
    float[] e = {1024f, 2048f, 4096f};
    ShowerSet s = g.generateAt(e, 5);
    assertArrayEquals(e, s.incidentEnergies());
  }

  @Test
  void poissonHasItsMean() {
    var rng = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(5);
    for (double mean : new double[] {0.05, 3, 50}) {
      double sum = 0;
      for (int i = 0; i < 20_000; i++) {
        sum += ShowerGenerator.poisson(mean, rng);
      }
      assertEquals(mean, sum / 20_000, 0.05 * mean + 0.01);
    }
  }

  private static double firstLayerMean(ShowerSet s) {
    double sum = 0;
    for (int i = 0; i < s.size(); i++) {
      for (int v = 0; v < 8; v++) {
        sum += s.voxels()[i * 368 + v];
      }
    }
    return sum / s.size();
  }
}
