package org.hpofarm.sim.model;

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
}
