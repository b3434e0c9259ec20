package org.hpofarm.sim.shower;

import java.util.List;
import java.util.random.RandomGenerator;

/** The distribution of incident energies (MeV) of a sample of showers. */
public sealed interface EnergySpectrum {

  /** Draws one incident energy in MeV. */
  double sample(RandomGenerator rng);

  /** Smallest energy the spectrum produces (MeV). */
  double min();

  /** Largest energy the spectrum produces (MeV). */
  double max();

  /** A JSON-friendly description. */
  String describe();

  /** The CaloChallenge dataset 1 spectrum: 2^8 … 2^22 MeV, each power of two equally likely. */
  static EnergySpectrum powersOfTwo(int fromExponent, int toExponent) {
    if (fromExponent > toExponent || fromExponent < 0 || toExponent > 30) {
      throw new IllegalArgumentException(
          "spectrum.exponents: need 0 <= from <= to <= 30, got "
              + fromExponent
              + ".."
              + toExponent);
    }
    var values = new java.util.ArrayList<Double>();
    for (int k = fromExponent; k <= toExponent; k++) {
      values.add(Math.scalb(1.0, k));
    }
    return new Discrete(values);
  }

  /**
   * Parses {@code powers:FROM-TO} (2^FROM … 2^TO MeV, equally likely) or {@code
   * log-uniform:MIN-MAX} (MeV).
   */
  static EnergySpectrum parse(String text) {
    String[] kv = text.split(":", 2);
    String[] range = kv.length == 2 ? kv[1].split("-", 2) : new String[0];
    if (range.length != 2) {
      throw new IllegalArgumentException(
          "spectrum: expected powers:FROM-TO or log-uniform:MIN-MAX, got '" + text + "'");
    }
    try {
      return switch (kv[0]) {
        case "powers" ->
            powersOfTwo(Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim()));
        case "log-uniform" ->
            new LogUniform(
                Double.parseDouble(range[0].trim()), Double.parseDouble(range[1].trim()));
        default ->
            throw new IllegalArgumentException(
                "spectrum: expected powers:FROM-TO or log-uniform:MIN-MAX, got '" + text + "'");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("spectrum: bad number in '" + text + "'", e);
    }
  }

  /** Equally likely discrete energies. */
  record Discrete(List<Double> energiesMev) implements EnergySpectrum {
    public Discrete {
      if (energiesMev == null || energiesMev.isEmpty()) {
        throw new IllegalArgumentException("spectrum.energiesMev: must not be empty");
      }
      for (double e : energiesMev) {
        if (!(e > 0)) {
          throw new IllegalArgumentException("spectrum.energiesMev: must be positive, got " + e);
        }
      }
      energiesMev = List.copyOf(energiesMev);
    }

    @Override
    public double sample(RandomGenerator rng) {
      return energiesMev.get(rng.nextInt(energiesMev.size()));
    }

    @Override
    public double min() {
      return energiesMev.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    @Override
    public double max() {
      return energiesMev.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    @Override
    public String describe() {
      return "discrete " + energiesMev;
    }
  }

  /** Energies uniform in log E between two bounds. */
  record LogUniform(double minMev, double maxMev) implements EnergySpectrum {
    public LogUniform {
      if (!(minMev > 0) || !(maxMev >= minMev)) {
        throw new IllegalArgumentException(
            "spectrum: need 0 < minMev <= maxMev, got " + minMev + ", " + maxMev);
      }
    }

    @Override
    public double sample(RandomGenerator rng) {
      return minMev * Math.exp(rng.nextDouble() * Math.log(maxMev / minMev));
    }

    @Override
    public double min() {
      return minMev;
    }

    @Override
    public double max() {
      return maxMev;
    }

    @Override
    public String describe() {
      return "log-uniform [" + minMev + ", " + maxMev + "] MeV";
    }
  }
}
