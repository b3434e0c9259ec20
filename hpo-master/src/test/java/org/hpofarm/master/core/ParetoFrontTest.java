package org.hpofarm.master.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hpofarm.master.trial.Trial;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

  private static final List<double[]> POINTS =
      List.of(
          new double[] {1, 5}, // 0: front 0
          new double[] {2, 3}, // 1: front 0
          new double[] {3, 1}, // 2: front 0
          new double[] {2, 4}, // 3: front 1 (dominated by 1)
          new double[] {4, 4}, // 4: front 2 (dominated by 3)
          new double[] {5, 5}, // 5: front 3 (dominated by 4)
          new double[] {2, 3}); // 6: front 0 (equal to 1: neither dominates)

  @Test
  void dominationNeedsNoWorseEverywhereAndBetterSomewhere() {
    assertTrue(ParetoFront.dominates(new double[] {1, 1}, new double[] {1, 2}));
    assertFalse(ParetoFront.dominates(new double[] {1, 2}, new double[] {1, 2}));
    assertFalse(ParetoFront.dominates(new double[] {0, 3}, new double[] {1, 2}));
    assertTrue(ParetoFront.dominates(new double[] {1, 2}, new double[] {1, Double.NaN}));
  }

  @Test
  void sortsAKnownSetIntoItsFronts() {
    List<int[]> fronts = ParetoFront.sort(POINTS);
    assertEquals(4, fronts.size());
    assertArrayEquals(new int[] {0, 1, 2, 6}, fronts.get(0));
    assertArrayEquals(new int[] {3}, fronts.get(1));
    assertArrayEquals(new int[] {4}, fronts.get(2));
    assertArrayEquals(new int[] {5}, fronts.get(3));
  }

  @Test
  void stopsSortingOnceEnoughPointsAreRanked() {
    assertEquals(1, ParetoFront.sort(POINTS, 3).size());
    assertEquals(2, ParetoFront.sort(POINTS, 5).size());
    assertEquals(3, ParetoFront.sort(POINTS, 6).size());
  }

  @Test
  void crowdingOfExtremesIsInfiniteAndInteriorIsTheNormalisedGap() {
    List<double[]> pts =
        List.of(new double[] {0, 4}, new double[] {1, 2}, new double[] {3, 1}, new double[] {4, 0});
    double[] d = ParetoFront.crowding(pts, new int[] {0, 1, 2, 3});
    assertEquals(Double.POSITIVE_INFINITY, d[0]);
    assertEquals(Double.POSITIVE_INFINITY, d[3]);
    assertEquals((3 - 0) / 4.0 + (4 - 1) / 4.0, d[1], 1e-12);
    assertEquals((4 - 1) / 4.0 + (2 - 0) / 4.0, d[2], 1e-12);
  }

  @Test
  void frontOfAHistoryKeepsCompletedNonDominatedTrialsWithFiniteValues() {
    History h = new History(List.of(Direction.MINIMIZE, Direction.MAXIMIZE), List.of());
    h = h.with(done(0, 1.0, 1.0));
    h = h.with(done(1, 2.0, 3.0));
    h = h.with(done(2, 2.0, 2.0)); // dominated by 1 (maximise the second)
    h = h.with(done(3, 0.5, Double.NaN)); // not finite: ignored
    h = h.with(Trial.running(4, Map.of(), "w", Instant.EPOCH)); // pending: ignored
    List<Integer> front = ParetoFront.of(h).stream().map(Trial::number).toList();
    assertEquals(List.of(0, 1), front);
  }

  @Property(tries = 200)
  void noFrontMemberDominatesAnotherAndEveryOtherPointIsDominated(
      @ForAll("points") List<double[]> points) {
    List<int[]> fronts = ParetoFront.sort(points);
    Set<Integer> seen = new HashSet<>();
    for (int[] f : fronts) {
      for (int i : f) {
        assertTrue(seen.add(i), "each point in exactly one front");
      }
    }
    assertEquals(points.size(), seen.size());
    for (int k = 0; k < fronts.size(); k++) {
      int[] front = fronts.get(k);
      for (int i : front) {
        for (int j : front) {
          assertFalse(ParetoFront.dominates(points.get(i), points.get(j)));
        }
      }
      if (k > 0) {
        for (int i : front) {
          boolean dominated = false;
          for (int j : fronts.get(k - 1)) {
            dominated |= ParetoFront.dominates(points.get(j), points.get(i));
          }
          assertTrue(dominated, "a member of front " + k + " is dominated by front " + (k - 1));
        }
      }
    }
    Set<Integer> first = new HashSet<>();
    for (int i : fronts.isEmpty() ? new int[0] : fronts.get(0)) {
      first.add(i);
    }
    for (int i = 0; i < points.size(); i++) {
      if (!first.contains(i)) {
        boolean dominated = false;
        for (int j : first) {
          dominated |= ParetoFront.dominates(points.get(j), points.get(i));
        }
        assertTrue(dominated, "point " + i + " off the front is dominated by a front member");
      }
    }
  }

  @Provide
  Arbitrary<List<double[]>> points() {
    Arbitrary<double[]> point =
        Arbitraries.integers()
            .between(0, 6)
            .list()
            .ofSize(3)
            .map(l -> l.stream().mapToDouble(Integer::doubleValue).toArray());
    return Arbitraries.integers()
        .between(2, 3)
        .flatMap(
            m ->
                point
                    .map(p -> java.util.Arrays.copyOf(p, m))
                    .list()
                    .ofMinSize(0)
                    .ofMaxSize(40)
                    .map(ArrayList::new));
  }

  private static Trial done(int number, double a, double b) {
    List<Double> values = new ArrayList<>();
    values.add(a);
    values.add(b);
    return Trial.running(number, Map.of(), "w", Instant.EPOCH).complete(values, Instant.EPOCH);
  }
}
