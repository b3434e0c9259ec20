package org.hpofarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentileTest {

  @Test
  void theSmallestValueWithTheShareAtOrBelowIt() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, Percentile.nearestRank(sorted, 0.5));
    assertEquals(10, Percentile.nearestRank(sorted, 0.99));
    assertEquals(10, Percentile.nearestRank(sorted, 1));
    assertEquals(1, Percentile.nearestRank(sorted, 0.01));
    assertEquals(7, Percentile.nearestRank(new long[] {7}, 0.5));
    assertTrue(Double.isNaN(Percentile.nearestRank(new long[0], 0.5)));
  }
}
