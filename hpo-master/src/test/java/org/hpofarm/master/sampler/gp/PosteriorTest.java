package org.hpofarm.master.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.math.kernel.MaternKernel;
import smile.regression.GaussianProcessRegression;

class PosteriorTest {

  private final SplittableRandom rng = new SplittableRandom(9);
  private final double[][] x = new double[12][2];
  private final double[] y = new double[12];

  PosteriorTest() {
    for (int i = 0; i < x.length; i++) {
      x[i][0] = rng.nextDouble();
      x[i][1] = rng.nextDouble();
      y[i] = Math.cos(5 * x[i][0]) - x[i][1];
    }
  }

  @Test
  void interpolatesNoiseFreeData() {
    Posterior p = new Posterior(x, y, new Hyperparameters(new double[] {0.3, 0.5}, 1.0, 1e-8));
    double[] out = new double[2];
    for (int i = 0; i < x.length; i++) {
      p.predict(x[i], out);
      assertEquals(y[i], out[0], 1e-4);
      assertTrue(out[1] < 1e-5, "variance at a training point " + out[1]);
    }
    p.predict(new double[] {5, 5}, out); // far away: the prior
    assertEquals(0, out[0], 1e-6);
    assertEquals(1.0, out[1], 1e-6);
  }

  @Test
  void agreesWithSmilesRegressionOnScaledInputs() {
    double[] ls = {0.3, 0.7};
    double noise = 1e-3;
    Posterior p = new Posterior(x, y, new Hyperparameters(ls, 1.0, noise));
    double[][] scaled = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      scaled[i] = new double[] {x[i][0] / ls[0], x[i][1] / ls[1]};
    }
    GaussianProcessRegression<double[]> smile =
        GaussianProcessRegression.fit(
            scaled,
            y,
            new MaternKernel(1.0, 2.5),
            new GaussianProcessRegression.Options(noise, false));
    double[] out = new double[2];
    double[] est = new double[2];
    for (int t = 0; t < 10; t++) {
      double[] q = {rng.nextDouble(), rng.nextDouble()};
      p.predict(q, out);
      smile.predict(new double[] {q[0] / ls[0], q[1] / ls[1]}, est);
      assertEquals(est[0], out[0], 1e-8);
      assertEquals(est[1], Math.sqrt(out[1]), 1e-6);
    }
  }

  @Test
  void believedPendingPointsKeepTheMeanAndLoseTheirVariance() {
    Hyperparameters h = new Hyperparameters(new double[] {0.3, 0.5}, 1.0, 1e-6);
    Posterior p = new Posterior(x, y, h);
    double[] q = {0.51, 0.49};
    double[] before = new double[2];
    p.predict(q, before);
    Posterior believed = p.with(new double[][] {q}, new double[] {before[0]});
    double[] after = new double[2];
    double[] other = {0.1, 0.9};
    double[] otherBefore = new double[2];
    p.predict(other, otherBefore);
    believed.predict(q, after);
    assertEquals(before[0], after[0], 1e-6);
    assertTrue(after[1] < 1e-4 * before[1] + 1e-5);
    believed.predict(other, after);
    assertEquals(otherBefore[0], after[0], 1e-6);
  }
}
