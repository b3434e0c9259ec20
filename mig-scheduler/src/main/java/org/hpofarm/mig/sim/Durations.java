package org.hpofarm.mig.sim;

import java.util.random.RandomGenerator;

/**
 * Trial durations of a simulated burst: log-normal in hours, written {@code lognormal:MU,SIGMA}
 * (the mean and standard deviation of the natural log of the hours).
 */
public record Durations(double mu, double sigma) {
  public Durations {
    if (!Double.isFinite(mu) || !(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException(
          "durations: mu must be finite and sigma non-negative, got " + mu + ", " + sigma);
    }
  }

  public static Durations parse(String text) {
    String prefix = "lognormal:";
    if (text == null || !text.startsWith(prefix)) {
      throw new IllegalArgumentException("durations: expected lognormal:MU,SIGMA, got " + text);
    }
    String[] parts = text.substring(prefix.length()).split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException("durations: expected lognormal:MU,SIGMA, got " + text);
    }
    try {
      return new Durations(
          Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("durations: MU and SIGMA must be numbers, got " + text);
    }
  }

  /** One duration in hours. */
  public double sample(RandomGenerator rng) {
    return Math.exp(mu + sigma * rng.nextGaussian());
  }

  @Override
  public String toString() {
    return "lognormal:" + mu + "," + sigma;
  }
}
