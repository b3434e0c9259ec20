package org.hpofarm.bench.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class QuartilesTest {

  // Expected values from Python: statistics.quantiles(d, n=4) and statistics.median(d).

  @Test
  void oddCount() {
    assertEquals(new Quartiles(1.0, 2.0, 3.0), Quartiles.of(3, 1, 2));
  }

  @Test
  void evenCountInterpolates() {
    assertEquals(new Quartiles(1.25, 3.0, 4.75), Quartiles.of(5, 1, 4, 2));
  }

  @Test
  void tenSeeds() {
    Quartiles q = Quartiles.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertEquals(2.75, q.q1(), 1e-12);
    assertEquals(5.5, q.median(), 1e-12);
    assertEquals(8.25, q.q3(), 1e-12);
  }

  @Test
  void sevenUnsorted() {
    Quartiles q = Quartiles.of(0.3, 0.1, 0.7, 0.2, 0.9, 1.1, 0.05);
    assertEquals(0.1, q.q1(), 1e-12);
    assertEquals(0.3, q.median(), 1e-12);
    assertEquals(0.9, q.q3(), 1e-12);
  }

  @Test
  void twoValuesExtrapolateAsPythonDoes() {
    assertEquals(new Quartiles(0.75, 1.5, 2.25), Quartiles.of(1, 2));
  }

  @Test
  void oneValueIsEveryQuartile() {
    assertEquals(new Quartiles(4.0, 4.0, 4.0), Quartiles.of(4));
  }

  @Test
  void emptyOrNaNIsRejected() {
    assertThrows(IllegalArgumentException.class, Quartiles::of);
    assertThrows(IllegalArgumentException.class, () -> Quartiles.of(1, Double.NaN));
  }

  @Property
  void quartilesAreOrderedAndWithinTheRangeFromThreeValues(
      @ForAll @Size(min = 3, max = 40) List<@DoubleRange(min = -1e6, max = 1e6) Double> list) {
    double[] values = list.stream().mapToDouble(Double::doubleValue).toArray();
    Quartiles q = Quartiles.of(values);
    double min = Arrays.stream(values).min().orElseThrow();
    double max = Arrays.stream(values).max().orElseThrow();
    assertTrue(
        min <= q.q1() && q.q1() <= q.median() && q.median() <= q.q3() && q.q3() <= max,
        q::toString);
  }
}
