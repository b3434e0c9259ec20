package org.hpofarm.master.sampler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.hpofarm.master.core.History;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;

/**
 * Scrambled quasi-random sampling: trial {@code n} takes point {@code n} of a Sobol sequence with
 * one dimension per parameter, digitally shifted by a vector drawn from the study seed.
 */
public final class SobolSampler implements Sampler {

  /*
   * Design notes.
   *
   * Sobol sequences (Sobol 1967; direction numbers of Joe and Kuo 2008, as shipped with Commons
   * Math) fill the unit cube far more evenly than independent draws: the first 2^m points form a
   * (t, m, s)-net, so every dyadic box of volume 2^(t-m) holds exactly 2^t points.
   *
   * Unscrambled, every study would propose the same points (and the first one is the corner 0).
   * We randomise with a digital shift (Owen 2003, "Variance with alternative scramblings of digital
   * nets"): the 52-bit binary fraction of each coordinate is XORed with a per-dimension random
   * word drawn from the study seed. A digital shift maps a digital (t, m, s)-net onto another one,
   * so the equidistribution survives, while the points become uniformly distributed over the
   * cube as the seed varies. A Cranley-Patterson rotation (random shift modulo 1) would also do
   * but breaks the net property at the dyadic boxes.
   *
   * The point index is the trial number, so proposals depend only on (seed, number) and distinct
   * trials in flight take distinct points without looking at the history. Dimensions beyond the
   * 1000 that the direction numbers cover are drawn at random from the trial seed. Inactive
   * conditional parameters keep their dimension and simply ignore it, so the net structure of the
   * always-present parameters is kept.
   */

  /** The most dimensions the bundled direction numbers cover. */
  static final int MAX_SOBOL_DIMENSIONS = 1000;

  private static final int BITS = 52;
  private static final double SCALE = 0x1p52;
  private static final long MASK = (1L << BITS) - 1;

  /** Generators by dimension count: building one parses the direction-number table. */
  private static final Map<Integer, SobolSequenceGenerator> GENERATORS = new ConcurrentHashMap<>();

  private final boolean scramble;

  /**
   * @param scramble whether to apply the digital shift; without it every study with the same space
   *     gets the same points (useful only to reproduce textbook sequences)
   */
  public SobolSampler(boolean scramble) {
    this.scramble = scramble;
  }

  public SobolSampler() {
    this(true);
  }

  @Override
  public Map<String, Object> sample(SearchSpace space, History history, TrialSeed seed) {
    double[] u = point(space.size(), seed);
    Map<String, Integer> dimension = new HashMap<>();
    List<Parameter> params = space.parameters();
    for (int j = 0; j < params.size(); j++) {
      dimension.put(params.get(j).name(), j);
    }
    return space.assemble(p -> p.distribution().fromUnit(u[dimension.get(p.name())]));
  }

  /**
   * The unit point of trial {@code seed.number()} in {@code dimensions} dimensions, each coordinate
   * in [0, 1); other samplers may use it for quasi-random candidates.
   */
  public double[] point(int dimensions, TrialSeed seed) {
    if (seed.number() < 0) {
      throw new IllegalArgumentException("trial number must not be negative: " + seed.number());
    }
    int sobolDims = Math.min(dimensions, MAX_SOBOL_DIMENSIONS);
    double[] u = new double[dimensions];
    if (sobolDims > 0) {
      double[] x = raw(sobolDims, seed.number());
      System.arraycopy(x, 0, u, 0, sobolDims);
    }
    if (scramble) {
      RandomGenerator shifts = new SplittableRandom(seed.study() ^ 0x50B0_1D15_C0FF_EEL);
      for (int j = 0; j < sobolDims; j++) {
        long bits = (long) (u[j] * SCALE) & MASK;
        u[j] = ((bits ^ (shifts.nextLong() & MASK)) + 0.5) / SCALE;
      }
    }
    if (dimensions > sobolDims) {
      RandomGenerator rest = seed.rng("sobol-overflow");
      for (int j = sobolDims; j < dimensions; j++) {
        u[j] = rest.nextDouble();
      }
    }
    return u;
  }

  /**
   * Point {@code index} of the unscrambled sequence, first {@code dimensions} coordinates. Each
   * coordinate of a Sobol sequence has its own direction numbers, so they can come from a generator
   * of more dimensions: one per power of two is cached, which bounds the memory.
   */
  private static double[] raw(int dimensions, int index) {
    int size =
        Math.min(MAX_SOBOL_DIMENSIONS, Integer.highestOneBit(Math.max(1, dimensions - 1)) << 1);
    size = Math.max(size, dimensions);
    SobolSequenceGenerator g = GENERATORS.computeIfAbsent(size, SobolSequenceGenerator::new);
    double[] x;
    synchronized (g) {
      x = g.skipTo(index);
    }
    return x.length == dimensions ? x : java.util.Arrays.copyOf(x, dimensions);
  }

  @Override
  public boolean readsHistory() {
    return false;
  }
}
