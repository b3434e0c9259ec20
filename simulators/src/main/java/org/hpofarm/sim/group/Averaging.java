package org.hpofarm.sim.group;

import java.util.Locale;

/** How the ranks of a worker group combine their weights when they average. */
public enum Averaging {
  /** Every rank replaces its weights by the group's mean: all ranks hold the same model after. */
  SYNC,
  /**
   * Elastic averaging: each rank moves towards a centre variable, and the centre towards the ranks;
   * the ranks stay apart between averages.
   */
  ELASTIC;

  /*
   * Elastic averaging SGD: Zhang, Choromanska & LeCun, "Deep learning with elastic averaging SGD",
   * NeurIPS 2015 (arXiv:1412.6651), the synchronous form of their Algorithm 1. With p ranks of
   * weights x_i and a centre x̃, every τ steps (here: averageEvery):
   *   x_i ← x_i − α (x_i − x̃)
   *   x̃   ← x̃ + α Σ_i (x_i − x̃) = x̃ + α p (mean_i x_i − x̃)
   * both with the x_i before the move, α = β / p and β = 0.9 (the paper's choice). The centre
   * needs only the mean of the x_i, so each rank keeps its own copy of x̃, starts it from the
   * initial weights (the same on every rank) and updates it from the mean that every rank gets
   * bit for bit the same: the copies never differ, and the exchange carries one vector each way
   * as in the synchronous mode.
   */

  /** EASGD's β: the centre moves by α p = β of the way to the mean. */
  static final double BETA = 0.9;

  /** The mode named {@code sync} or {@code elastic}. */
  public static Averaging parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sync" -> SYNC;
      case "elastic" -> ELASTIC;
      default ->
          throw new IllegalArgumentException("averaging: sync or elastic, got '" + name + "'");
    };
  }

  /** The name on command lines and in executors. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * One average: updates {@code local} (this rank's weights) in place from the group's {@code
   * mean}, and {@code centre} (the elastic mode's centre variable; unused by {@link #SYNC}) of a
   * group of {@code ranks}.
   */
  public void apply(float[] local, float[] mean, float[] centre, int ranks) {
    switch (this) {
      case SYNC -> System.arraycopy(mean, 0, local, 0, local.length);
      case ELASTIC -> {
        double alpha = BETA / ranks;
        for (int i = 0; i < local.length; i++) {
          float c = centre[i];
          local[i] = (float) (local[i] - alpha * (local[i] - c));
          centre[i] = (float) (c + BETA * (mean[i] - c));
        }
      }
    }
  }
}
