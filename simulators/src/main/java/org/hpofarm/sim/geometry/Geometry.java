package org.hpofarm.sim.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cylindrical voxel calorimeter: an ordered list of layers filled with one (effective) medium.
 * The shower axis is the cylinder axis; voxels are numbered layer by layer.
 *
 * @param name preset name or a free description
 * @param medium the medium (homogeneous or effective sampling medium)
 * @param layers the layers, front to back
 * @param thresholdMev readout threshold: a voxel whose energy is below it reads zero
 */
public record Geometry(String name, Medium medium, List<Layer> layers, double thresholdMev) {

  /** Preset names accepted by {@link #preset(String)}. */
  public static final List<String> PRESETS = List.of("ds1-photon", "small", "ds2");

  public Geometry {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("geometry.name: must not be blank");
    }
    if (medium == null) {
      throw new IllegalArgumentException("geometry.medium: required");
    }
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("geometry.layers: need at least one layer");
    }
    if (thresholdMev < 0) {
      throw new IllegalArgumentException("geometry.thresholdMev: must be >= 0");
    }
    layers = List.copyOf(layers);
  }

  /** Total number of voxels. */
  public int voxels() {
    int n = 0;
    for (Layer l : layers) {
      n += l.voxels();
    }
    return n;
  }

  /** Index of the first voxel of layer {@code layer}. */
  public int offset(int layer) {
    int n = 0;
    for (int i = 0; i < layer; i++) {
      n += layers.get(i).voxels();
    }
    return n;
  }

  /**
   * The named preset.
   *
   * <ul>
   *   <li>{@code ds1-photon}: five layers of 8×1, 16×10, 19×10, 5×1 and 5×1 voxels (368), an
   *       ATLAS-like lead/liquid-argon accordion seen as an effective medium, radial binning after
   *       the Fast Calorimeter Simulation Challenge 2022 dataset 1 (photons);
   *   <li>{@code small}: three layers of 5×1, 8×10 and 5×3 voxels (100), same medium, for tests;
   *   <li>{@code ds2}: 45 layers of 9 radial × 16 angular voxels (6,480) in a silicon–tungsten
   *       sampling calorimeter, after dataset 2 of the same challenge.
   * </ul>
   */
  public static Geometry preset(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "ds1-photon" -> ds1Photon();
      case "small" -> small();
      case "ds2" -> ds2();
      default ->
          throw new IllegalArgumentException(
              "geometry: unknown preset '" + name + "', expected one of " + PRESETS);
    };
  }

  /** Lead/liquid-argon, 1.5 mm Pb and 4.2 mm LAr per cell, 10 %/√E. */
  static Medium leadArgon() {
    return Medium.sampling(Material.PB, 1.5, Material.LAR, 4.2, 0.10);
  }

  private static Geometry ds1Photon() {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer(2.0, new double[] {0, 5, 10, 30, 50, 100, 200, 400, 600}, 1));
    layers.add(
        new Layer(
            4.3,
            new double[] {0, 1, 4, 7, 10, 15, 30, 50, 90, 150, 200, 250, 300, 400, 600, 1000, 2000},
            10));
    layers.add(
        new Layer(
            16.0,
            new double[] {
              0, 2, 4, 6, 8, 10, 12, 15, 20, 30, 40, 50, 70, 90, 120, 150, 200, 400, 1000, 2000
            },
            10));
    layers.add(new Layer(2.0, new double[] {0, 50, 100, 200, 400, 600}, 1));
    layers.add(new Layer(8.0, new double[] {0, 100, 200, 400, 1000, 2000}, 1));
    return new Geometry("ds1-photon", leadArgon(), layers, 1.0);
  }

  private static Geometry small() {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer(3.0, new double[] {0, 10, 30, 60, 150, 400}, 1));
    layers.add(new Layer(12.0, new double[] {0, 5, 10, 20, 35, 50, 80, 150, 400}, 10));
    layers.add(new Layer(8.0, new double[] {0, 30, 60, 120, 250, 600}, 3));
    return new Geometry("small", leadArgon(), layers, 1.0);
  }

  private static Geometry ds2() {
    Medium siw = Medium.sampling(Material.W, 1.4, Material.SI, 0.3, 0.17);
    double[] edges = {0, 4.65, 9.3, 13.95, 18.6, 27.9, 37.2, 46.5, 65.1, 93.0};
    double perLayerX0 = 1.7 / siw.radiationLengthMm();
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      layers.add(new Layer(perLayerX0, edges, 16));
    }
    return new Geometry("ds2", siw, layers, 0.015);
  }
}
