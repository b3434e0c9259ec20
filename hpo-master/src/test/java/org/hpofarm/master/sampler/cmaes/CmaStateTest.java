package org.hpofarm.master.sampler.cmaes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class CmaStateTest {

  @Property(tries = 60)
  void anyUpdatesKeepTheMeanInsideAndTheCovarianceSymmetricPositiveDefinite(
      @ForAll @IntRange(min = 1, max = 6) int n,
      @ForAll @IntRange(min = 2, max = 14) int arrived,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] floors = new double[n];
    floors[0] = 0.25 / 5; // the first coordinate is an integer of 5 values
    double[] mean = new double[n];
    Arrays.fill(mean, 0.5);
    CmaState state = CmaState.initial(mean, 0.3);
    for (int g = 0; g < 30; g++) {
      List<double[]> xs = new ArrayList<>();
      for (int k = 0; k < arrived; k++) {
        // a mix of the state's own draws and arbitrary (foreign or stale) points
        xs.add(rng.nextBoolean() ? state.sample(rng) : uniform(n, rng));
      }
      state = state.update(xs, floors, g, 20);
      for (double m : state.mean()) {
        assertTrue(m >= 0 && m <= 1, "mean " + m);
      }
      double[][] c = state.c();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertEquals(c[i][j], c[j][i], 1e-12);
        }
      }
      double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(c)).getRealEigenvalues();
      assertTrue(Arrays.stream(eig).allMatch(v -> v > 0), Arrays.toString(eig));
      double maxD = Arrays.stream(state.d()).max().orElseThrow();
      boolean capped = Math.abs(state.sigma() * maxD - 1) < 1e-9;
      assertTrue(
          capped || state.sigma() * Math.sqrt(c[0][0]) >= floors[0] * (1 - 1e-9),
          "integer coordinate's spread fell below a quarter bin");
      for (double x : state.sample(rng)) {
        assertTrue(x >= 0 && x <= 1, "sample " + x);
      }
    }
  }

  @Test
  void weightsFollowTheTutorial() {
    CmaParameters p = CmaParameters.of(4, 8);
    assertEquals(4, p.mu());
    double positive = 0;
    for (int i = 0; i < p.mu(); i++) {
      positive += p.weights()[i];
      if (i > 0) {
        assertTrue(p.weights()[i] < p.weights()[i - 1]);
      }
    }
    assertEquals(1, positive, 1e-12);
    for (int i = p.mu(); i < 8; i++) {
      assertTrue(p.weights()[i] <= 0);
    }
    assertEquals(8, CmaParameters.defaultLambda(4));
    assertEquals(4, CmaParameters.defaultLambda(1));
  }

  private static double[] uniform(int n, SplittableRandom rng) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextDouble();
    }
    return x;
  }
}
