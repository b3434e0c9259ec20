package org.hpofarm.master.sampler.gp;

import java.util.Arrays;

/**
 * The fitted hyperparameters of the Gaussian process: one length scale per input coordinate
 * (automatic relevance determination), the signal variance and the noise variance, all in the units
 * of the transformed objective.
 */
record Hyperparameters(double[] lengthScales, double signalVariance, double noiseVariance) {

  Hyperparameters {
    lengthScales = lengthScales.clone();
  }

  @Override
  public double[] lengthScales() {
    return lengthScales.clone();
  }

  double lengthScale(int j) {
    return lengthScales[j];
  }

  int dimension() {
    return lengthScales.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hyperparameters h
        && Arrays.equals(lengthScales, h.lengthScales)
        && signalVariance == h.signalVariance
        && noiseVariance == h.noiseVariance;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lengthScales) * 31 + Double.hashCode(signalVariance);
  }

  @Override
  public String toString() {
    return "Hyperparameters[lengthScales="
        + Arrays.toString(lengthScales)
        + ", signalVariance="
        + signalVariance
        + ", noiseVariance="
        + noiseVariance
        + "]";
  }
}
