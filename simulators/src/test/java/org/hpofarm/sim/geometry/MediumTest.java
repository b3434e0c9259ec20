package org.hpofarm.sim.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MediumTest {

  @Test
  void effectiveLeadArgonMatchesHandComputation() {
    // 1.5 mm Pb + 4.2 mm LAr; values computed by hand from the effective-medium formulas.
    Medium m = Medium.sampling(Material.PB, 1.5, Material.LAR, 4.2, 0.1);
    assertTrue(m.sampling());
    assertEquals(65.605, m.z(), 1e-3);
    assertEquals(4.0155, m.density(), 1e-4);
    assertEquals(19.174, m.radiationLengthMm(), 1e-3);
    assertEquals(40.671, m.moliereRadiusMm(), 1e-3);
    assertEquals(9.9942, m.criticalEnergyMev(), 1e-4);
    assertEquals(0.29728, m.inverseSamplingFrequency(), 1e-5);
    assertEquals(0.69061, m.ehat(), 1e-5);
  }

  @Test
  void homogeneousMediumIsTheMaterial() {
    Medium m = Medium.homogeneous(Material.PBWO4);
    assertFalse(m.sampling());
    assertEquals(8.903, m.radiationLengthMm());
    assertEquals(1.0, m.ehat());
  }

  @Test
  void moliereRadiusOfOneMaterialFollowsFromX0AndEc() {
    // R_M = E_s X0 / E_c within the rounding of the tabulated values.
    for (Material mat : Material.ALL) {
      double rm = 21.2 * mat.radiationLengthMm() / mat.criticalEnergyMev();
      assertEquals(mat.moliereRadiusMm(), rm, 0.03 * rm, mat.name());
    }
  }

  @Test
  void badInputNamesTheField() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Medium.sampling(Material.PB, 0, Material.LAR, 1, 0.1));
    assertTrue(e.getMessage().startsWith("medium"));
    var m = assertThrows(IllegalArgumentException.class, () -> Material.named("Unobtainium"));
    assertTrue(m.getMessage().contains("material.name"));
  }
}
