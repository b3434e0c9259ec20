package org.hpofarm.sim.metric;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class SeparationPowerProperties {

  @Property
  boolean boundedAndSymmetric(
      @ForAll @Size(min = 1, max = 200) double[] a, @ForAll @Size(min = 1, max = 200) double[] b) {
    SeparationPower sp = SeparationPower.binnedOn(a, 10);
    double ab = sp.between(a, b);
    double ba = sp.between(b, a);
    return ab >= -1e-12 && ab <= 1 + 1e-12 && Math.abs(ab - ba) < 1e-12 && sp.between(a, a) == 0;
  }

  @Property
  boolean histogramIsNormalised(
      @ForAll @Size(min = 1, max = 300) double[] ref,
      @ForAll @Size(min = 1, max = 300) double[] values) {
    double sum = 0;
    for (double h : SeparationPower.binnedOn(ref, 30).histogram(values)) {
      sum += h;
    }
    return Math.abs(sum - 1) < 1e-9;
  }

  @Property
  boolean separationOfTwoHistogramsInUnitInterval(
      @ForAll @DoubleRange(min = 0, max = 1) double p,
      @ForAll @DoubleRange(min = 0, max = 1) double q) {
    double s = SeparationPower.of(new double[] {p, 1 - p}, new double[] {q, 1 - q});
    return s >= 0 && s <= 1 + 1e-12;
  }
}
