package org.hpofarm.sim.shower;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.geometry.Layer;
import org.hpofarm.sim.geometry.Medium;

/**
 * Generates reference showers in a voxel geometry from the GFlash parametrisation ({@link GFlash}):
 * fluctuated longitudinal profile, depth-dependent radial profile, energy spots and sampling
 * fluctuations.
 */
public final class ShowerGenerator {

  /*
   * How a shower is made (per shower, all analytic except the random draws):
   *
   * 1. Start: photons convert at a depth t0 ~ Exp(9/7 X0); electrons start at the face.
   * 2. Longitudinal: draw (ln T, ln α) from their correlated Gaussian; β = (α − 1)/T. Each layer is
   *    cut into slices of at most MAX_SLICE_X0; the energy fraction of a slice [s_a, s_b] (depth
   *    after the start) is P(α, β s_b) − P(α, β s_a), P the regularised lower incomplete gamma
   *    function: the Gamma profile integrated exactly over the slice.
   * 3. Radial: at the slice's middle, τ = s/T gives R_C, R_T, p; the fraction in a ring
   *    [r_i, r_i+1] is F(r_i+1) − F(r_i) with the closed-form cumulative F. The expected energy of a
   *    voxel is its ring's energy shared equally by the ring's angular sectors (the mean profile is
   *    symmetric about the axis). What falls behind the last layer or outside the last ring leaks.
   * 4. Spots: instead of throwing spots one by one (up to ~10^5 per shower at 4 TeV), the number of
   *    spots in each voxel is drawn at once, Poisson with mean N_spot × (voxel's expected fraction).
   *    The contained energy is then shared among voxels in proportion to their spot counts, so
   *    spots shape the lateral and longitudinal fluctuations (and the sparsity) while the total is
   *    fixed by step 5, as GFlash distributes a fixed energy over its spots.
   * 5. Sampling fluctuations: in a sampling calorimeter the visible energy is smeared,
   *    E_vis = E_contained (1 + c_s z / √(E/GeV)), z standard normal; homogeneous media are not
   *    smeared. Energies are in MeV at the electromagnetic scale (calibrated, not the raw active
   *    signal). Voxels below the geometry's readout threshold read zero.
   *
   * The cost is a few dozen incomplete-gamma evaluations and one Poisson draw per voxel: about
   * 30 µs per ds1-photon shower on one core. Reproducibility: shower i of a sample uses a generator
   * seeded by (seed, i / CHUNK), so a sample does not depend on the number of threads.
   */

  static final double MAX_SLICE_X0 = 1.0;
  public static final int CHUNK = 1024;

  private final Geometry geometry;
  private final Beam beam;
  private final GFlash gflash;
  private final double[] sliceStart;
  private final double[] sliceEnd;
  private final int[] sliceLayer;
  private final double[][] edgesMoliere;
  private final int[] ringOffset;
  private final int rings;

  public ShowerGenerator(Geometry geometry, Beam beam) {
    this.geometry = geometry;
    this.beam = beam;
    this.gflash = new GFlash(geometry.medium());
    var starts = new java.util.ArrayList<double[]>();
    double depth = 0;
    for (int l = 0; l < geometry.layers().size(); l++) {
      Layer layer = geometry.layers().get(l);
      int k = (int) Math.ceil(layer.thicknessX0() / MAX_SLICE_X0 - 1e-9);
      for (int j = 0; j < k; j++) {
        starts.add(
            new double[] {
              depth + layer.thicknessX0() * j / k, depth + layer.thicknessX0() * (j + 1) / k, l
            });
      }
      depth += layer.thicknessX0();
    }
    sliceStart = new double[starts.size()];
    sliceEnd = new double[starts.size()];
    sliceLayer = new int[starts.size()];
    for (int i = 0; i < starts.size(); i++) {
      sliceStart[i] = starts.get(i)[0];
      sliceEnd[i] = starts.get(i)[1];
      sliceLayer[i] = (int) starts.get(i)[2];
    }
    int nLayers = geometry.layers().size();
    edgesMoliere = new double[nLayers][];
    ringOffset = new int[nLayers + 1];
    double rm = geometry.medium().moliereRadiusMm();
    for (int l = 0; l < nLayers; l++) {
      Layer layer = geometry.layers().get(l);
      edgesMoliere[l] = new double[layer.radialBins() + 1];
      for (int i = 0; i <= layer.radialBins(); i++) {
        edgesMoliere[l][i] = layer.radialEdge(i) / rm;
      }
      ringOffset[l + 1] = ringOffset[l] + layer.radialBins();
    }
    rings = ringOffset[nLayers];
  }

  public Geometry geometry() {
    return geometry;
  }

  public Beam beam() {
    return beam;
  }

  /** Generates {@code n} showers with energies from the beam's spectrum, reproducibly from seed. */
  public ShowerSet generate(int n, long seed) {
    return generateShard(n, seed, 0, 1);
  }

  /**
   * The showers of {@link #generate(int, long) generate(n, seed)} that shard {@code shard} of
   * {@code shards} holds, made without the others: the blocks of {@value #CHUNK} showers (each
   * drawn from its own random stream) numbered {@code shard}, {@code shard + shards}, …, in order.
   */
  public ShowerSet generateShard(int n, long seed, int shard, int shards) {
    if (n < 0) {
      throw new IllegalArgumentException("showers: n must be >= 0, got " + n);
    }
    if (shards < 1 || shard < 0 || shard >= shards) {
      throw new IllegalArgumentException("showers: shard " + shard + " of " + shards);
    }
    int width = geometry.voxels();
    int chunks = (n + CHUNK - 1) / CHUNK;
    int[] mine = IntStream.range(0, chunks).filter(c -> c % shards == shard).toArray();
    int[] at = new int[mine.length + 1]; // where each of this shard's chunks starts in its set
    for (int k = 0; k < mine.length; k++) {
      at[k + 1] = at[k] + Math.min(n, (mine[k] + 1) * CHUNK) - mine[k] * CHUNK;
    }
    int size = at[mine.length];
    float[] energies = new float[size];
    float[] voxels = new float[size * width];
    IntStream.range(0, mine.length)
        .parallel()
        .forEach(
            k -> {
              RandomGenerator rng = chunkRandom(seed, mine[k]);
              double[] rings = new double[this.rings];
              for (int i = at[k]; i < at[k + 1]; i++) {
                double e = beam.spectrum().sample(rng);
                energies[i] = (float) e;
                shower(e, rng, rings, voxels, i * width);
              }
            });
    return new ShowerSet(geometry, energies, voxels);
  }

  /** Showers in shard {@code shard} of {@code shards} of n showers (see {@link #generateShard}). */
  public static int shardSize(int n, int shard, int shards) {
    int size = 0;
    for (int c = shard; c * CHUNK < n; c += shards) {
      size += Math.min(n, (c + 1) * CHUNK) - c * CHUNK;
    }
    return size;
  }

  /** Generates showers at given incident energies (MeV), reproducibly from seed. */
  public ShowerSet generateAt(float[] incidentEnergies, long seed) {
    int n = incidentEnergies.length;
    int width = geometry.voxels();
    float[] voxels = new float[n * width];
    int chunks = (n + CHUNK - 1) / CHUNK;
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              RandomGenerator rng = chunkRandom(seed, c);
              double[] rings = new double[this.rings];
              for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                shower(incidentEnergies[i], rng, rings, voxels, i * width);
              }
            });
    return new ShowerSet(geometry, incidentEnergies.clone(), voxels);
  }

  static RandomGenerator chunkRandom(long seed, int chunk) {
    long mixed = seed * 0x9E3779B97F4A7C15L + chunk * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    return RandomGeneratorFactory.of("L64X128MixRandom").create(mixed);
  }

  private double fillRings(
      double energyMev, double tmax, double alpha, double startX0, double[] ringFraction) {
    java.util.Arrays.fill(ringFraction, 0);
    double beta = (alpha - 1) / tmax;
    double previous = 0;
    double contained = 0;
    for (int s = 0; s < sliceStart.length; s++) {
      double b = sliceEnd[s] - startX0;
      if (b <= 0) {
        continue;
      }
      double a = Math.max(sliceStart[s] - startX0, 0);
      double cdf = RegularizedGamma.P.value(alpha, beta * b);
      double slice = cdf - previous;
      previous = cdf;
      if (slice <= 1e-12) {
        continue;
      }
      GFlash.Radial radial = gflash.radial(energyMev, 0.5 * (a + b) / tmax);
      int l = sliceLayer[s];
      double[] edges = edgesMoliere[l];
      double inner = 0;
      int base = ringOffset[l];
      for (int r = 1; r < edges.length; r++) {
        double outer = radial.containedFraction(edges[r]);
        double f = slice * (outer - inner);
        ringFraction[base + r - 1] += f;
        contained += f;
        inner = outer;
      }
    }
    return contained;
  }

  private void shower(double e, RandomGenerator rng, double[] ringFraction, float[] out, int at) {
    Medium medium = geometry.medium();
    double start =
        beam.particle() == Particle.PHOTON
            ? rng.nextExponential() * GFlash.meanConversionDepthX0()
            : 0;
    double[] ta = gflash.logProfile(e).sample(rng.nextGaussian(), rng.nextGaussian());
    double contained = fillRings(e, ta[0], ta[1], start, ringFraction);
    double visible = e * contained;
    if (medium.sampling()) {
      visible *=
          Math.max(0, 1 + medium.samplingTerm() / Math.sqrt(e / 1000.0) * rng.nextGaussian());
    }
    double spots = gflash.spots(e);
    long total = 0;
    int v = at;
    for (int l = 0; l < geometry.layers().size(); l++) {
      Layer layer = geometry.layers().get(l);
      int nr = layer.radialBins();
      double share = spots / layer.angularBins();
      for (int phi = 0; phi < layer.angularBins(); phi++) {
        for (int r = 0; r < nr; r++) {
          int count = poisson(share * ringFraction[ringOffset[l] + r], rng);
          out[v++] = count;
          total += count;
        }
      }
    }
    if (total == 0) {
      return;
    }
    double perSpot = visible / total;
    float threshold = (float) geometry.thresholdMev();
    for (int i = at; i < v; i++) {
      float value = (float) (out[i] * perSpot);
      out[i] = value < threshold ? 0f : value;
    }
  }

  /** Poisson draw: multiplication method below a mean of 30, rounded normal above. */
  public static int poisson(double mean, RandomGenerator rng) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = rng.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      k++;
    }
    return k;
  }
}
