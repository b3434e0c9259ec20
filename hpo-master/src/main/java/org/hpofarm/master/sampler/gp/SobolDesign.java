package org.hpofarm.master.sampler.gp;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Points of a Sobol sequence in the unit cube, scrambled by a random digital shift: each
 * coordinate's 52 fraction bits are XOR-ed with a fixed random word, which keeps the sequence's
 * stratification while making it differ between seeds (and avoids the all-zero first point).
 */
final class SobolDesign {

  private static final int BITS = 52;
  private static final double SCALE = 0x1p52;

  private final SobolSequenceGenerator generator;
  private final long[] shift;
  private long next;

  SobolDesign(int dimension, RandomGenerator rng) {
    generator = new SobolSequenceGenerator(Math.max(1, dimension));
    shift = new long[Math.max(1, dimension)];
    for (int j = 0; j < shift.length; j++) {
      shift[j] = rng.nextLong() >>> (64 - BITS);
    }
  }

  /** The point of index {@code index}. */
  double[] point(long index) {
    double[] v = index == next ? generator.nextVector() : generator.skipTo(Math.toIntExact(index));
    next = index + 1;
    double[] out = new double[shift.length];
    for (int j = 0; j < out.length; j++) {
      long bits = (long) (v[j] * SCALE);
      out[j] = ((bits ^ shift[j]) + 0.5) / SCALE;
    }
    return out;
  }
}
