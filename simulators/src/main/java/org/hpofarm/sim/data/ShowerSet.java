package org.hpofarm.sim.data;

import java.util.Arrays;
import org.hpofarm.sim.geometry.Geometry;

/**
 * A sample of calorimeter showers: one incident energy (MeV) and one energy per voxel (MeV) for
 * each shower, stored row-major as float32 (shower × voxel), the layout of the CaloChallenge files.
 *
 * <p>The arrays are owned by the set: callers must not modify what they read.
 *
 * @param geometry the geometry the voxels belong to
 * @param incidentEnergies incident energy per shower (MeV), length N
 * @param voxels voxel energies (MeV), length N × geometry.voxels()
 */
public record ShowerSet(Geometry geometry, float[] incidentEnergies, float[] voxels) {

  public ShowerSet {
    if (geometry == null || incidentEnergies == null || voxels == null) {
      throw new IllegalArgumentException("showers: geometry, energies and voxels are required");
    }
    if ((long) incidentEnergies.length * geometry.voxels() != voxels.length) {
      throw new IllegalArgumentException(
          "showers.voxels: expected "
              + (long) incidentEnergies.length * geometry.voxels()
              + " values for "
              + incidentEnergies.length
              + " showers of "
              + geometry.voxels()
              + " voxels, got "
              + voxels.length);
    }
  }

  /** Number of showers. */
  public int size() {
    return incidentEnergies.length;
  }

  /** Voxels per shower. */
  public int width() {
    return geometry.voxels();
  }

  /** The first {@code n} showers. */
  public ShowerSet head(int n) {
    if (n < 0 || n > size()) {
      throw new IllegalArgumentException("showers.head: n out of range: " + n);
    }
    return new ShowerSet(
        geometry, Arrays.copyOf(incidentEnergies, n), Arrays.copyOf(voxels, n * geometry.voxels()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShowerSet s
        && s.geometry.equals(geometry)
        && Arrays.equals(s.incidentEnergies, incidentEnergies)
        && Arrays.equals(s.voxels, voxels);
  }

  @Override
  public int hashCode() {
    return geometry.hashCode() * 31 + Arrays.hashCode(incidentEnergies);
  }

  @Override
  public String toString() {
    return "ShowerSet[" + geometry.name() + ", " + size() + " showers]";
  }
}
