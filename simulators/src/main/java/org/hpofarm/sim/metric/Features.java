package org.hpofarm.sim.metric;

import java.util.ArrayList;
import java.util.List;
import org.hpofarm.sim.data.ShowerSet;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.geometry.Layer;

/**
 * High-level shower features as in the Fast Calorimeter Simulation Challenge evaluation, one row
 * per shower: energy per layer, energy-weighted centroids and widths per layer (x and y, the η and
 * φ directions, for layers with angular segmentation; r for every layer), the sparsity (fraction of
 * empty voxels) per layer and the ratio of total deposited to incident energy.
 *
 * @param names feature names, e.g. {@code E_2}, {@code cx_2}, {@code wr_2}, {@code sparsity_0}
 * @param values values, row-major: shower × feature
 */
public record Features(List<String> names, double[] values) {

  /*
   * Voxel positions are the centres of their bins: radius (r_i + r_i+1)/2 and angle
   * (k + 1/2) 2π/n_α, so x = r cos α, y = r sin α. A layer with no energy gets centroids and
   * widths of 0, as the challenge's evaluation script maps its NaNs to 0. Widths are energy-weighted
   * standard deviations.
   */

  public Features {
    names = List.copyOf(names);
    if (!names.isEmpty() && values.length % names.size() != 0) {
      throw new IllegalArgumentException("features.values: not a multiple of the feature count");
    }
  }

  public int count() {
    return names.size();
  }

  public int rows() {
    return names.isEmpty() ? 0 : values.length / names.size();
  }

  /** Column {@code j} as a new array. */
  public double[] column(int j) {
    int f = count();
    double[] c = new double[rows()];
    for (int i = 0; i < c.length; i++) {
      c[i] = values[i * f + j];
    }
    return c;
  }

  /** Computes the features of every shower of a set. */
  public static Features of(ShowerSet set) {
    Geometry g = set.geometry();
    List<String> names = new ArrayList<>();
    int nl = g.layers().size();
    for (int l = 0; l < nl; l++) {
      names.add("E_" + l);
    }
    for (int l = 0; l < nl; l++) {
      if (g.layers().get(l).angularBins() > 1) {
        names.add("cx_" + l);
        names.add("cy_" + l);
        names.add("wx_" + l);
        names.add("wy_" + l);
      }
      names.add("cr_" + l);
      names.add("wr_" + l);
      names.add("sparsity_" + l);
    }
    names.add("Etot/Einc");
    int f = names.size();
    int n = set.size();
    int width = g.voxels();
    double[][] xs = new double[nl][];
    double[][] ys = new double[nl][];
    double[][] rs = new double[nl][];
    for (int l = 0; l < nl; l++) {
      Layer layer = g.layers().get(l);
      int nr = layer.radialBins();
      xs[l] = new double[layer.voxels()];
      ys[l] = new double[layer.voxels()];
      rs[l] = new double[layer.voxels()];
      for (int a = 0; a < layer.angularBins(); a++) {
        double angle = (a + 0.5) * 2 * Math.PI / layer.angularBins();
        for (int r = 0; r < nr; r++) {
          double radius = 0.5 * (layer.radialEdge(r) + layer.radialEdge(r + 1));
          xs[l][a * nr + r] = radius * Math.cos(angle);
          ys[l][a * nr + r] = radius * Math.sin(angle);
          rs[l][a * nr + r] = radius;
        }
      }
    }
    double[] out = new double[n * f];
    float[] v = set.voxels();
    for (int i = 0; i < n; i++) {
      int row = i * f;
      int col = nl;
      int base = i * width;
      double total = 0;
      for (int l = 0; l < nl; l++) {
        Layer layer = g.layers().get(l);
        int size = layer.voxels();
        double e = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sr = 0;
        double srr = 0;
        int empty = 0;
        for (int k = 0; k < size; k++) {
          double w = v[base + k];
          if (w <= 0) {
            empty++;
            continue;
          }
          e += w;
          sx += w * xs[l][k];
          sy += w * ys[l][k];
          sxx += w * xs[l][k] * xs[l][k];
          syy += w * ys[l][k] * ys[l][k];
          sr += w * rs[l][k];
          srr += w * rs[l][k] * rs[l][k];
        }
        base += size;
        total += e;
        out[row + l] = e;
        double cx = e > 0 ? sx / e : 0;
        double cy = e > 0 ? sy / e : 0;
        double cr = e > 0 ? sr / e : 0;
        if (layer.angularBins() > 1) {
          out[row + col++] = cx;
          out[row + col++] = cy;
          out[row + col++] = e > 0 ? Math.sqrt(Math.max(sxx / e - cx * cx, 0)) : 0;
          out[row + col++] = e > 0 ? Math.sqrt(Math.max(syy / e - cy * cy, 0)) : 0;
        }
        out[row + col++] = cr;
        out[row + col++] = e > 0 ? Math.sqrt(Math.max(srr / e - cr * cr, 0)) : 0;
        out[row + col++] = (double) empty / size;
      }
      out[row + col] = total / set.incidentEnergies()[i];
    }
    return new Features(names, out);
  }
}
