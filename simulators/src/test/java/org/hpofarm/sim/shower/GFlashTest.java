package org.hpofarm.sim.shower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hpofarm.sim.geometry.Material;
import org.hpofarm.sim.geometry.Medium;
import org.junit.jupiter.api.Test;

/** Values computed by hand from the published formulas (10 GeV in lead: y = 1345.9). */
class GFlashTest {

  private final GFlash lead = new GFlash(Medium.homogeneous(Material.PB));

  @Test
  void averageLongitudinalProfileInLead() {
    // T_hom = ln y − 0.858, α_hom = 0.21 + (0.492 + 0.0021·82) ln y, ln y = 7.20481
    assertEquals(6.34681, lead.meanTmax(10_000), 1e-4);
    assertEquals(4.99544, lead.meanAlpha(10_000), 1e-4);
  }

  @Test
  void fluctuatedProfileParametersInLead() {
    GFlash.LogProfile p = lead.logProfile(10_000);
    assertEquals(1.85517, p.meanLnT(), 1e-4); // ln(ln y − 0.812)
    assertEquals(0.130241, p.sigmaLnT(), 1e-5); // 1/(−1.4 + 1.26 ln y)
    assertEquals(1.68598, p.meanLnAlpha(), 1e-4); // ln(0.81 + (0.458 + 0.00218 Z) ln y)
    assertEquals(0.178058, p.sigmaLnAlpha(), 1e-5); // 1/(−0.58 + 0.86 ln y)
    assertEquals(0.539289, p.rho(), 1e-5); // 0.705 − 0.023 ln y
  }

  @Test
  void correlatedSamplingHasTheRequestedCorrelation() {
    GFlash.LogProfile p = new GFlash.LogProfile(0, 1, 0, 1, 0.6);
    var rng = new java.util.SplittableRandom(3);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < 20_000; i++) {
      double z1 = rng.nextDouble() * 2 - 1;
      double z2 = rng.nextDouble() * 2 - 1;
      double c1 = Math.sqrt(0.8);
      double c2 = Math.sqrt(0.2);
      double x = c1 * z1 + c2 * z2;
      double y = c1 * z1 - c2 * z2;
      sxy += x * y;
      sxx += x * x;
      syy += y * y;
    }
    assertEquals(0.6, sxy / Math.sqrt(sxx * syy), 0.03);
    double[] ta = p.sample(0, 0);
    assertEquals(1.0, ta[0]); // floor T >= 1
    assertEquals(1.1, ta[1]); // floor alpha >= 1.1
  }

  @Test
  void radialProfileAtShowerMaximumInLead() {
    GFlash.Radial r = lead.radial(10_000, 1.0);
    assertEquals(0.117403, r.core(), 1e-5);
    assertEquals(0.638536, r.tail(), 1e-5);
    assertEquals(0.880119, r.coreWeight(), 1e-5);
    assertEquals(0.0, r.containedFraction(0), 1e-12);
    assertTrue(r.containedFraction(3.5) > 0.95);
  }

  @Test
  void spotsInLead() {
    assertEquals(3080.34, lead.spots(10_000), 0.01); // 93 ln(82) 10^0.876
  }

  @Test
  void samplingShiftsTheMaximumForward() {
    Medium pbLar = Medium.sampling(Material.PB, 1.5, Material.LAR, 4.2, 0.1);
    GFlash sam = new GFlash(pbLar);
    double y = 10_000 / pbLar.criticalEnergyMev();
    double expected =
        Math.log(y) - 0.858 - 0.59 * pbLar.inverseSamplingFrequency() - 0.53 * (1 - pbLar.ehat());
    assertEquals(expected, sam.meanTmax(10_000), 1e-12);
    assertEquals(10.3 / 0.1 * Math.pow(10, 0.959), sam.spots(10_000), 1e-9);
  }
}
