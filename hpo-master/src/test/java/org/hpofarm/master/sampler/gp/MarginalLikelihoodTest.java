package org.hpofarm.master.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarginalLikelihoodTest {

  private static double[][] points(int n, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = rng.nextDouble();
      }
    }
    return x;
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    double[][] x = points(15, 3, 1);
    double[] y = new double[15];
    for (int i = 0; i < 15; i++) {
      y[i] = Math.sin(4 * x[i][0]) + 0.3 * x[i][1];
    }
    MarginalLikelihood nll = new MarginalLikelihood(x, Targets.STANDARD.apply(y));
    double[] theta = {-1.0, 0.2, 1.5, 0.3, Math.log(1e-3)};
    double[] grad = new double[5];
    nll.value(theta, grad);
    for (int j = 0; j < theta.length; j++) {
      double h = 1e-5;
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[j] += h;
      down[j] -= h;
      double numeric = (nll.value(up, null) - nll.value(down, null)) / (2 * h);
      assertEquals(numeric, grad[j], 1e-4 * (1 + Math.abs(numeric)), "coordinate " + j);
    }
  }

  @Test
  void fitFindsAShortLengthScaleOnlyWhereTheFunctionVaries() {
    double[][] x = points(40, 3, 2);
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      y[i] = Math.sin(12 * x[i][1]); // depends on coordinate 1 only
    }
    Hyperparameters h =
        HyperparameterFit.fit(x, Targets.STANDARD.apply(y), 2, 60, new SplittableRandom(3));
    assertTrue(h.lengthScale(1) < 0.3, h.toString());
    assertTrue(h.lengthScale(0) > 3 * h.lengthScale(1), h.toString());
    assertTrue(h.lengthScale(2) > 3 * h.lengthScale(1), h.toString());
    assertTrue(h.noiseVariance() < 1e-2, h.toString());
  }
}
