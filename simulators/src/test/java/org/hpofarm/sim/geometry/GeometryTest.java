package org.hpofarm.sim.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeometryTest {

  @Test
  void presetsHaveTheChallengeVoxelCounts() {
    Geometry ds1 = Geometry.preset("ds1-photon");
    assertEquals(368, ds1.voxels());
    assertEquals(5, ds1.layers().size());
    assertEquals(8, ds1.layers().get(0).voxels());
    assertEquals(160, ds1.layers().get(1).voxels());
    assertEquals(190, ds1.layers().get(2).voxels());
    assertEquals(8 + 160, ds1.offset(2));
    assertEquals(6480, Geometry.preset("ds2").voxels());
    assertEquals(100, Geometry.preset("small").voxels());
  }

  @Test
  void rejectsBadLayers() {
    assertThrows(IllegalArgumentException.class, () -> new Layer(1, new double[] {1, 2}, 1));
    assertThrows(IllegalArgumentException.class, () -> new Layer(1, new double[] {0, 2, 2}, 1));
    assertThrows(IllegalArgumentException.class, () -> new Layer(0, new double[] {0, 2}, 1));
    var e =
        assertThrows(IllegalArgumentException.class, () -> new Layer(1, new double[] {0, 2}, 0));
    assertTrue(e.getMessage().contains("layer.angularBins"));
    assertThrows(IllegalArgumentException.class, () -> Geometry.preset("ds9"));
  }
}
