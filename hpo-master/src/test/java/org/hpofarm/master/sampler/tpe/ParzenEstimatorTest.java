package org.hpofarm.master.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {

  private static double integrate(ParzenEstimator p) {
    int steps = 20_000;
    double s = 0;
    for (int i = 0; i < steps; i++) {
      s += Math.exp(p.logDensity(new double[] {(i + 0.5) / steps}));
    }
    return s / steps;
  }

  @Property(tries = 60)
  void aUnivariateDensityIntegratesToOneOverTheUnitInterval(
      @ForAll @IntRange(min = 0, max = 40) int n,
      @ForAll @DoubleRange(min = 0.05, max = 5) double priorWeight,
      @ForAll long seed,
      @ForAll boolean scott) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] points = new double[n][1];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      // Clustered observations, some on the edges, to stress truncation.
      points[i][0] = rng.nextInt(4) == 0 ? rng.nextInt(2) : 0.3 + 0.05 * rng.nextGaussian();
      points[i][0] = Math.min(1, Math.max(0, points[i][0]));
      weights[i] = 0.1 + rng.nextDouble();
    }
    ParzenEstimator p =
        new ParzenEstimator(
            new int[] {0},
            points,
            weights,
            priorWeight,
            scott ? ParzenEstimator.Bandwidth.SCOTT : ParzenEstimator.Bandwidth.NEIGHBOURS);
    assertEquals(1.0, integrate(p), 2e-3);
  }

  @Test
  void aCategoricalDensitySumsToOneAndFavoursObservedChoices() {
    double[][] points = {{2}, {2}, {2}, {0}};
    ParzenEstimator p =
        new ParzenEstimator(
            new int[] {4}, points, new double[] {1, 1, 1, 1}, 1.0, ParzenEstimator.Bandwidth.SCOTT);
    double sum = 0;
    double[] prob = new double[4];
    for (int c = 0; c < 4; c++) {
      prob[c] = Math.exp(p.logDensity(new double[] {c}));
      sum += prob[c];
    }
    assertEquals(1.0, sum, 1e-12);
    assertTrue(prob[2] > prob[0] && prob[0] > prob[1] && prob[1] == prob[3]);
  }

  @Test
  void aProductDensityIntegratesToOneOverTheSquareTimesTheChoices() {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] points = new double[30][];
    for (int i = 0; i < points.length; i++) {
      points[i] = new double[] {rng.nextDouble(), rng.nextInt(3), rng.nextDouble() * 0.2};
    }
    double[] w = new double[30];
    java.util.Arrays.fill(w, 1);
    ParzenEstimator p =
        new ParzenEstimator(new int[] {0, 3, 0}, points, w, 1.0, ParzenEstimator.Bandwidth.SCOTT);
    int steps = 300;
    double s = 0;
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < steps; i++) {
        for (int k = 0; k < steps; k++) {
          s += Math.exp(p.logDensity(new double[] {(i + 0.5) / steps, c, (k + 0.5) / steps}));
        }
      }
    }
    assertEquals(1.0, s / steps / steps, 5e-3);
  }

  @Test
  void marginalsAreTheOneDimensionalDensitiesOfTheSameMixture() {
    SplittableRandom rng = new SplittableRandom(9);
    double[][] points = new double[12][];
    double[][] ys = new double[12][];
    for (int i = 0; i < points.length; i++) {
      points[i] = new double[] {rng.nextDouble(), rng.nextInt(3)};
      ys[i] = new double[] {points[i][1]};
    }
    double[] w = new double[12];
    java.util.Arrays.fill(w, 1);
    ParzenEstimator joint =
        new ParzenEstimator(new int[] {0, 3}, points, w, 1.0, ParzenEstimator.Bandwidth.SCOTT);
    ParzenEstimator alone =
        new ParzenEstimator(new int[] {3}, ys, w, 1.0, ParzenEstimator.Bandwidth.SCOTT);
    // The categorical marginal of the joint mixture is the categorical estimator of the same data.
    // The numeric one integrates to 1 over [0, 1].
    for (int c = 0; c < 3; c++) {
      double steps = 4000;
      double integral = 0;
      for (int i = 0; i < steps; i++) {
        double both = joint.logMarginals(new double[] {(i + 0.5) / steps, c});
        integral += Math.exp(both - alone.logDensity(new double[] {c})) / steps;
      }
      assertEquals(1.0, integral, 1e-3);
    }
    assertEquals(
        alone.logDensity(new double[] {1}),
        new ParzenEstimator(new int[] {3}, ys, w, 1.0, ParzenEstimator.Bandwidth.SCOTT)
            .logMarginals(new double[] {1}),
        1e-12);
  }

  @Test
  void samplesFollowTheDensity() {
    double[][] points = {{0.2}, {0.21}, {0.8}};
    ParzenEstimator p =
        new ParzenEstimator(
            new int[] {0},
            points,
            new double[] {1, 1, 1},
            1.0,
            ParzenEstimator.Bandwidth.NEIGHBOURS);
    SplittableRandom rng = new SplittableRandom(1);
    int below = 0;
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      double x = p.sample(rng)[0];
      assertTrue(x >= 0 && x <= 1);
      below += x < 0.5 ? 1 : 0;
    }
    double expected = 0;
    int steps = 10_000;
    for (int i = 0; i < steps / 2; i++) {
      expected += Math.exp(p.logDensity(new double[] {(i + 0.5) / steps})) / steps;
    }
    assertEquals(expected, below / (double) n, 0.01);
  }
}
