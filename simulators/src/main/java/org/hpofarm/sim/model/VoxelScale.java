package org.hpofarm.sim.model;

/**
 * The map between showers and what the networks see: V + 1 numbers in [0, 1] per shower (the shape,
 * each voxel's fraction of the shower's deposited energy compressed logarithmically, and the ratio
 * of deposited to incident energy), plus the incident energy as a condition in [0, 1].
 *
 * @param delta fraction below which the compression is linear
 * @param minEnergyMev smallest incident energy of the training data
 * @param maxEnergyMev largest incident energy of the training data
 */
public record VoxelScale(double delta, double minEnergyMev, double maxEnergyMev) {

  /*
   * Shape: x_v = ln(1 + f_v/δ) / ln(1 + 1/δ), f_v = E_v / Σ E. Voxel fractions range over six
   * decades (a single spot of a 4 TeV shower is 3·10^-6 of it); the compression keeps one-spot
   * voxels visible next to the core. Inverse: f = δ((1 + 1/δ)^x − 1), renormalised to sum 1.
   * Total: x_V = min(ΣE/E_inc, R)/R with R = 1.5. Splitting the total from the shape (as
   * CaloFlow-style models do with layer energies) keeps the total-energy response, a narrow
   * distribution, from being the sum of hundreds of independent per-voxel errors.
   * Condition: c = ln(E/E_min)/ln(E_max/E_min).
   */

  public static final double DEFAULT_DELTA = 1e-6;
  static final float MAX_RATIO = 1.5f;

  public VoxelScale {
    if (!(delta > 0) || !(minEnergyMev > 0) || !(maxEnergyMev >= minEnergyMev)) {
      throw new IllegalArgumentException("scale: need delta > 0 and 0 < minEnergy <= maxEnergy");
    }
  }

  /** Scale for the incident energies of a training set. */
  public static VoxelScale of(float[] incidentEnergies) {
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (float e : incidentEnergies) {
      lo = Math.min(lo, e);
      hi = Math.max(hi, e);
    }
    return new VoxelScale(DEFAULT_DELTA, lo, hi);
  }

  /** Width of the network's shower vector for a geometry of {@code voxels} voxels. */
  public static int width(int voxels) {
    return voxels + 1;
  }

  /** Encodes one shower (voxels in MeV) into {@code width(voxels)} network values. */
  public void encode(float[] voxels, int from, int count, float incidentMev, float[] out, int at) {
    double total = 0;
    for (int j = 0; j < count; j++) {
      total += Math.max(voxels[from + j], 0);
    }
    double norm = Math.log1p(1 / delta);
    for (int j = 0; j < count; j++) {
      double f = total > 0 ? Math.max(voxels[from + j], 0) / total : 0;
      out[at + j] = (float) (Math.log1p(f / delta) / norm);
    }
    out[at + count] = (float) (Math.min(total / incidentMev, MAX_RATIO) / MAX_RATIO);
  }

  /**
   * Decodes {@code width(count)} network values into voxel energies (MeV); voxels below the
   * threshold read zero.
   */
  public void decode(
      float[] y, int from, int count, float incidentMev, float thresholdMev, float[] out, int at) {
    double norm = Math.log1p(1 / delta);
    double sum = 0;
    for (int j = 0; j < count; j++) {
      double f = delta * Math.expm1(Math.min(Math.max(y[from + j], 0), 1) * norm);
      out[at + j] = (float) f;
      sum += f;
    }
    double total = Math.min(Math.max(y[from + count], 0), 1) * MAX_RATIO * incidentMev;
    for (int j = 0; j < count; j++) {
      float e = sum > 0 ? (float) (out[at + j] / sum * total) : 0f;
      out[at + j] = e < thresholdMev ? 0f : e;
    }
  }

  public float condition(float incidentMev) {
    if (maxEnergyMev == minEnergyMev) {
      return 0.5f;
    }
    return (float) (Math.log(incidentMev / minEnergyMev) / Math.log(maxEnergyMev / minEnergyMev));
  }
}
