package org.hpofarm.sim.model;

/**
 * The map between voxel energies and what the networks see: the voxel's fraction of the incident
 * energy, compressed logarithmically into [0, 1]; and the incident energy as a condition in [0, 1].
 *
 * @param delta fraction below which the compression is linear
 * @param minEnergyMev smallest incident energy of the training data
 * @param maxEnergyMev largest incident energy of the training data
 */
public record VoxelScale(double delta, double minEnergyMev, double maxEnergyMev) {

  /*
   * x = ln(1 + f/δ) / ln(1 + 1/δ) with f = E_voxel/E_incident. Voxel fractions range over six
   * decades (a single spot of a 4 TeV shower is 3·10^-6 of it); with δ = 10^-6 a one-spot voxel
   * still maps to x ≈ 0.05 instead of vanishing next to the core. The inverse is
   * f = δ((1 + 1/δ)^x − 1). The condition is c = ln(E/E_min)/ln(E_max/E_min).
   */

  public static final double DEFAULT_DELTA = 1e-6;

  public VoxelScale {
    if (!(delta > 0) || !(minEnergyMev > 0) || !(maxEnergyMev >= minEnergyMev)) {
      throw new IllegalArgumentException("scale: need delta > 0 and 0 < minEnergy <= maxEnergy");
    }
  }

  /** Scale for incident energies between min and max. */
  public static VoxelScale of(float[] incidentEnergies) {
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (float e : incidentEnergies) {
      lo = Math.min(lo, e);
      hi = Math.max(hi, e);
    }
    return new VoxelScale(DEFAULT_DELTA, lo, hi);
  }

  public float toNetwork(float voxelMev, float incidentMev) {
    double f = Math.max(voxelMev, 0) / incidentMev;
    return (float) (Math.log1p(f / delta) / Math.log1p(1 / delta));
  }

  public float fromNetwork(float x, float incidentMev) {
    double f = delta * Math.expm1(x * Math.log1p(1 / delta));
    return (float) (f * incidentMev);
  }

  public float condition(float incidentMev) {
    if (maxEnergyMev == minEnergyMev) {
      return 0.5f;
    }
    return (float) (Math.log(incidentMev / minEnergyMev) / Math.log(maxEnergyMev / minEnergyMev));
  }
}
