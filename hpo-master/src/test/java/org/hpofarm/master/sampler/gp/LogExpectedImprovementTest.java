package org.hpofarm.master.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class LogExpectedImprovementTest {

  @Test
  void matchesTheClosedFormWhereItIsAccurate() {
    for (double z = -8; z <= 5; z += 0.25) {
      double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
      double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
      double h = z * cdf + pdf;
      assertEquals(Math.log(h), LogExpectedImprovement.logH(z), 1e-6, "z = " + z);
    }
  }

  @Test
  void staysFiniteAndDecreasingFarBelowTheIncumbent() {
    double previous = LogExpectedImprovement.logH(-3);
    for (double z = -3.5; z > -1e4; z *= 1.5) {
      double v = LogExpectedImprovement.logH(z);
      assertTrue(Double.isFinite(v), "z = " + z);
      assertTrue(v < previous, "z = " + z);
      previous = v;
    }
  }

  @Property
  boolean isMonotoneInMean(
      @ForAll @DoubleRange(min = -50, max = 50) double mean,
      @ForAll @DoubleRange(min = 0.01, max = 10) double sd,
      @ForAll @DoubleRange(min = 0.01, max = 5) double delta) {
    return LogExpectedImprovement.of(mean - delta, sd, 0) > LogExpectedImprovement.of(mean, sd, 0);
  }

  @Property
  boolean isMonotoneInStandardDeviation(
      @ForAll @DoubleRange(min = -50, max = 50) double mean,
      @ForAll @DoubleRange(min = 0.01, max = 10) double sd,
      @ForAll @DoubleRange(min = 0.01, max = 5) double delta) {
    // non-decreasing (to rounding): far below the incumbent both equal log(gain) in doubles
    return LogExpectedImprovement.of(mean, sd + delta, 0)
        >= LogExpectedImprovement.of(mean, sd, 0) - 1e-12;
  }
}
