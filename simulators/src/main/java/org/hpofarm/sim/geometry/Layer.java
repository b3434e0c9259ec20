package org.hpofarm.sim.geometry;

import java.util.Arrays;

/**
 * One longitudinal layer of a cylindrical voxel geometry: its depth and its voxels, rings between
 * radial edges split into equal angular sectors.
 *
 * <p>Voxels of a layer are indexed {@code angularBin * radialBins() + radialBin}, as in the Fast
 * Calorimeter Simulation Challenge 2022 datasets.
 *
 * @param thicknessX0 depth of the layer in radiation lengths of the medium
 * @param radialEdgesMm increasing radial bin edges in mm, starting at 0
 * @param angularBins number of equal angular sectors (1 = rings only)
 */
public record Layer(double thicknessX0, double[] radialEdgesMm, int angularBins) {

  public Layer {
    if (!(thicknessX0 > 0) || !Double.isFinite(thicknessX0)) {
      throw new IllegalArgumentException("layer.thicknessX0: must be positive, got " + thicknessX0);
    }
    if (radialEdgesMm == null || radialEdgesMm.length < 2 || radialEdgesMm[0] != 0) {
      throw new IllegalArgumentException(
          "layer.radialEdgesMm: need at least two edges starting at 0");
    }
    for (int i = 1; i < radialEdgesMm.length; i++) {
      if (!(radialEdgesMm[i] > radialEdgesMm[i - 1])) {
        throw new IllegalArgumentException(
            "layer.radialEdgesMm: edges must increase, got " + Arrays.toString(radialEdgesMm));
      }
    }
    if (angularBins < 1) {
      throw new IllegalArgumentException("layer.angularBins: must be >= 1, got " + angularBins);
    }
    radialEdgesMm = radialEdgesMm.clone();
  }

  /** The radial edges (a copy). */
  @Override
  public double[] radialEdgesMm() {
    return radialEdgesMm.clone();
  }

  /** Radial edge {@code i} in mm. */
  public double radialEdge(int i) {
    return radialEdgesMm[i];
  }

  public int radialBins() {
    return radialEdgesMm.length - 1;
  }

  public int voxels() {
    return radialBins() * angularBins;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Layer l
        && l.thicknessX0 == thicknessX0
        && l.angularBins == angularBins
        && Arrays.equals(l.radialEdgesMm, radialEdgesMm);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(thicknessX0) * 31 + Arrays.hashCode(radialEdgesMm) * 17 + angularBins;
  }

  @Override
  public String toString() {
    return "Layer[" + thicknessX0 + " X0, " + radialBins() + "x" + angularBins + "]";
  }
}
