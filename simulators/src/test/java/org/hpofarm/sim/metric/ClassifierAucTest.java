package org.hpofarm.sim.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.model.ClassifierAuc;
import org.hpofarm.sim.shower.Beam;
import org.hpofarm.sim.shower.ShowerGenerator;
import org.junit.jupiter.api.Test;

class ClassifierAucTest {

  @Test
  void aucOfKnownRankings() {
    assertEquals(
        1.0, ClassifierAuc.auc(new float[] {0.1f, 0.2f, 0.8f, 0.9f}, new float[] {0, 0, 1, 1}));
    assertEquals(
        0.0, ClassifierAuc.auc(new float[] {0.9f, 0.8f, 0.2f, 0.1f}, new float[] {0, 0, 1, 1}));
    assertEquals(
        0.5, ClassifierAuc.auc(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new float[] {0, 1, 0, 1}));
    // one positive above both negatives, one between: 3 of 4 pairs ordered
    assertEquals(
        0.75, ClassifierAuc.auc(new float[] {0.1f, 0.3f, 0.2f, 0.9f}, new float[] {0, 0, 1, 1}));
  }

  @Test
  void separatesShowersWithTheWrongTotalButNotTwoReferenceSamples() {
    Geometry g = Geometry.preset("small");
    ShowerGenerator gen = new ShowerGenerator(g, Beam.defaultFor(g));
    ShowerSet a = gen.generate(1000, 1);
    ShowerSet b = gen.generate(1000, 2);
    float[] scaled = b.voxels().clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= 1.4f;
    }
    double same = ClassifierAuc.of(a, b, 3, Device.cpu(), 1);
    double off =
        ClassifierAuc.of(a, new ShowerSet(g, b.incidentEnergies(), scaled), 3, Device.cpu(), 1);
    assertTrue(same < 0.62, "same " + same);
    assertTrue(off > 0.7, "off " + off);
  }
}
