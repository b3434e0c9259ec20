package org.hpofarm.master.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.hpofarm.master.core.Direction;
import org.hpofarm.master.core.History;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.junit.jupiter.api.Test;

class SobolSamplerTest implements SamplerContract {

  private static final SearchSpace SQUARE =
      SearchSpace.of(
          new Parameter("a", FloatRange.of(0, 1)), new Parameter("b", FloatRange.of(0, 1)));

  @Override
  public Sampler sampler(long seed) {
    return new SobolSampler();
  }

  @Test
  void fillsTheSquareFarMoreEvenlyThanRandomPoints() {
    int n = 256;
    double sobol = 0;
    double random = 0;
    int seeds = 5;
    for (long seed = 1; seed <= seeds; seed++) {
      sobol += starDiscrepancy(points(new SobolSampler(), seed, n));
      random += starDiscrepancy(points(new RandomSampler(), seed, n));
    }
    sobol /= seeds;
    random /= seeds;
    // Random points: about 1.5 / sqrt(n) ~ 0.06 at n = 256; a Sobol net is near log(n)^2 / n.
    assertTrue(sobol < 0.02, "Sobol star discrepancy " + sobol);
    assertTrue(sobol < random / 3, "Sobol " + sobol + " vs random " + random);
  }

  @Test
  void unscrambledPointsAreTheTextbookSequence() {
    SobolSampler plain = new SobolSampler(false);
    assertArrayEquals(new double[] {0, 0}, plain.point(2, new TrialSeed(9, 0)));
    assertArrayEquals(new double[] {0.5, 0.5}, plain.point(2, new TrialSeed(9, 1)));
    assertArrayEquals(new double[] {0.75, 0.25}, plain.point(2, new TrialSeed(9, 2)));
    assertArrayEquals(new double[] {0.25, 0.75}, plain.point(2, new TrialSeed(9, 3)));
  }

  @Test
  void theScrambleDependsOnTheStudySeedOnly() {
    SobolSampler s = new SobolSampler();
    assertArrayEquals(s.point(3, new TrialSeed(4, 17)), s.point(3, new TrialSeed(4, 17)));
    assertFalse(Arrays.equals(s.point(3, new TrialSeed(4, 17)), s.point(3, new TrialSeed(5, 17))));
    // a digital shift keeps the net: in each half of every axis, exactly half of 2^k points
    for (long seed = 0; seed < 5; seed++) {
      int[] lowerHalf = new int[3];
      for (int i = 0; i < 64; i++) {
        double[] u = s.point(3, new TrialSeed(seed, i));
        for (int j = 0; j < 3; j++) {
          assertTrue(u[j] > 0 && u[j] < 1);
          lowerHalf[j] += u[j] < 0.5 ? 1 : 0;
        }
      }
      assertArrayEquals(new int[] {32, 32, 32}, lowerHalf, "seed " + seed);
    }
  }

  @Test
  void aPointsLeadingCoordinatesDoNotDependOnTheDimensionCount() {
    SobolSampler s = new SobolSampler();
    for (int i = 0; i < 50; i++) {
      double[] five = s.point(5, new TrialSeed(3, i));
      double[] three = s.point(3, new TrialSeed(3, i));
      assertArrayEquals(three, Arrays.copyOf(five, 3), "point " + i);
    }
  }

  @Test
  void dimensionsBeyondTheDirectionNumbersAreDrawnAtRandom() {
    SobolSampler s = new SobolSampler();
    double[] u = s.point(SobolSampler.MAX_SOBOL_DIMENSIONS + 5, new TrialSeed(1, 3));
    assertEquals(SobolSampler.MAX_SOBOL_DIMENSIONS + 5, u.length);
    for (double x : u) {
      assertTrue(x >= 0 && x < 1);
    }
  }

  @Test
  void isRegisteredWithValidatedOptions() {
    assertTrue(Samplers.TYPES.contains("sobol"));
    Sampler s = Samplers.create(new SamplerSpec("sobol", 1, Map.of("scramble", false)));
    assertEquals(
        Map.of("a", 0.5, "b", 0.5),
        s.sample(SQUARE, History.empty(Direction.MINIMIZE), new TrialSeed(1, 1)));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samplers.create(new SamplerSpec("sobol", 1, Map.of("scrambled", true))));
    assertTrue(e.getMessage().startsWith("sampler.scrambled:"), e.getMessage());
  }

  private static double[][] points(Sampler sampler, long seed, int n) {
    History h = History.empty(Direction.MINIMIZE);
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = sampler.sample(SQUARE, h, new TrialSeed(seed, i));
      out[i] = new double[] {(Double) p.get("a"), (Double) p.get("b")};
    }
    return out;
  }

  /**
   * The star discrepancy of points in the unit square: the largest gap between the fraction of
   * points in an anchored box [0, a) x [0, b) and its area, over boxes with corners at the points'
   * coordinates (open and closed), which is where the supremum is reached.
   */
  static double starDiscrepancy(double[][] pts) {
    int n = pts.length;
    double[] xs = new double[n + 1];
    double[] ys = new double[n + 1];
    for (int i = 0; i < n; i++) {
      xs[i] = pts[i][0];
      ys[i] = pts[i][1];
    }
    xs[n] = 1;
    ys[n] = 1;
    double worst = 0;
    for (double a : xs) {
      for (double b : ys) {
        int open = 0;
        int closed = 0;
        for (double[] p : pts) {
          if (p[0] < a && p[1] < b) {
            open++;
          }
          if (p[0] <= a && p[1] <= b) {
            closed++;
          }
        }
        double area = a * b;
        worst = Math.max(worst, Math.max(area - open / (double) n, closed / (double) n - area));
      }
    }
    return worst;
  }

  @Test
  void theDiscrepancyMeasureSeesClumps() {
    double[][] clump = new double[64][];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < clump.length; i++) {
      clump[i] = new double[] {r.nextDouble() / 2, r.nextDouble() / 2};
    }
    assertTrue(starDiscrepancy(clump) > 0.7);
  }
}
