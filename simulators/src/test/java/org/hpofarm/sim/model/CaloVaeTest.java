package org.hpofarm.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hpofarm.sim.data.ShowerSet;
import org.junit.jupiter.api.Test;

class CaloVaeTest implements ShowerModelContract {

  @Override
  public String modelName() {
    return CaloVae.NAME;
  }

  @Test
  void gaussianDecoderSamplesDifferentShowersAtOneEnergy() {
    try (ShowerModel m = create(3, Map.of("decoder", "gaussian"))) {
      ShowerSet s = m.generate(new float[] {4096f, 4096f}, 2);
      int w = s.width();
      boolean differ = false;
      for (int j = 0; j < w; j++) {
        differ |= s.voxels()[j] != s.voxels()[w + j];
      }
      assertTrue(differ);
    }
  }

  @Test
  void multinomialDecoderDrawsTheTotalAndWholeSpots() {
    ShowerSet train =
        new org.hpofarm.sim.shower.ShowerGenerator(
                GEOMETRY, org.hpofarm.sim.shower.Beam.defaultFor(GEOMETRY))
            .generate(300, 4);
    try (ShowerModel m = create(3, Map.of());
        TrainingData data = TrainingData.of(train, SCALE, ai.djl.Device.cpu())) {
      m.observe(data); // fits the spot count
      m.trainEpoch(data);
      ShowerSet s = m.generate(new float[] {4096f, 4096f}, 2);
      int w = s.width();
      double[] totals = new double[2];
      for (int i = 0; i < 2; i++) {
        double smallest = Double.MAX_VALUE;
        for (int j = 0; j < w; j++) {
          float e = s.voxels()[i * w + j];
          totals[i] += e;
          if (e > 0) {
            smallest = Math.min(smallest, e);
          }
        }
        for (int j = 0; j < w; j++) {
          double spots = s.voxels()[i * w + j] / smallest;
          assertEquals(Math.round(spots), spots, 1e-2 * Math.max(1, spots), "whole spots");
        }
      }
      assertNotEquals(totals[0], totals[1], "the total is drawn, not decoded");
    }
  }
}
