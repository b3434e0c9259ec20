package org.hpofarm.master.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.apache.commons.statistics.distribution.NormalDistribution;

class StandardNormalTest {

  private static final NormalDistribution REFERENCE = NormalDistribution.of(0, 1);

  @Property(tries = 500)
  void agreesWithTheReferenceWithinTwoTenthsOfAMillionth(
      @ForAll @DoubleRange(min = -40, max = 40) double z) {
    assertEquals(REFERENCE.cumulativeProbability(z), StandardNormal.cdf(z), 2e-7);
  }

  @Property(tries = 200)
  void isSymmetric(@ForAll @DoubleRange(min = 0.01, max = 40) double z) {
    assertEquals(1.0, StandardNormal.cdf(z) + StandardNormal.cdf(-z), 1e-15);
  }
}
