package org.hpofarm.master.sampler.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.IntRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;

/**
 * The map between a search space and the feature vectors the Gaussian process sees: one coordinate
 * in [0, 1] per numeric parameter (its unit value: log parameters in log space, integers relaxed)
 * and a one-hot block per categorical parameter.
 *
 * <p>An inactive conditional parameter is encoded as a fixed value (0.5 for a numeric one, an
 * all-zero block for a categorical one), so that points which share the same active branch are
 * compared on their active coordinates only.
 */
final class Encoding {

  /** Value of a numeric coordinate whose parameter is inactive. */
  static final double INACTIVE = 0.5;

  private final SearchSpace space;
  private final int[] offset;
  private final int[] width;
  private final int dimension;
  private final boolean[] categorical;
  private final boolean[] continuous;
  private final boolean flat;
  private final Map<String, Integer> index = new HashMap<>();

  Encoding(SearchSpace space) {
    this.space = space;
    int n = space.size();
    offset = new int[n];
    width = new int[n];
    categorical = new boolean[n];
    continuous = new boolean[n];
    flat = space.isFlat();
    int d = 0;
    for (int i = 0; i < n; i++) {
      Parameter p = space.parameters().get(i);
      offset[i] = d;
      index.put(p.name(), i);
      categorical[i] = p.distribution() instanceof Categorical;
      continuous[i] = p.distribution() instanceof FloatRange f && f.step() == 0;
      width[i] = p.distribution() instanceof Categorical c ? Math.max(1, c.choices().size()) : 1;
      d += width[i];
    }
    dimension = d;
  }

  int dimension() {
    return dimension;
  }

  /** True when parameter {@code i} is categorical (encoded one-hot). */
  boolean isCategorical(int i) {
    return categorical[i];
  }

  int offset(int parameter) {
    return offset[parameter];
  }

  int width(int parameter) {
    return width[parameter];
  }

  int parameterCount() {
    return offset.length;
  }

  /** The feature vector of a trial's params. */
  double[] encode(Map<String, Object> params) {
    double[] x = new double[dimension];
    for (int i = 0; i < offset.length; i++) {
      Parameter p = space.parameters().get(i);
      Object v = params.get(p.name());
      if (p.distribution() instanceof Categorical c) {
        if (v != null) {
          int k = c.indexOf(v);
          if (k >= 0) {
            x[offset[i] + k] = 1;
          }
        }
      } else {
        x[offset[i]] = v == null ? INACTIVE : p.distribution().toUnit(v);
      }
    }
    return x;
  }

  /**
   * The params a feature vector stands for: numeric coordinates through {@code fromUnit} (so
   * integers and steps round), the largest coordinate of a one-hot block picks the category, and
   * only active parameters are kept.
   */
  Map<String, Object> decode(double[] x) {
    return space.assemble(
        p -> {
          int i = indexOf(p);
          if (p.distribution() instanceof Categorical c) {
            int best = 0;
            for (int k = 1; k < width[i]; k++) {
              if (x[offset[i] + k] > x[offset[i] + best]) {
                best = k;
              }
            }
            return c.choices().get(best);
          }
          return p.distribution().fromUnit(x[offset[i]]);
        });
  }

  private int indexOf(Parameter p) {
    return index.get(p.name());
  }

  /**
   * The feature vector of the point {@code x} stands for: {@code encode(decode(x))}, so that
   * integers, steps and categories are where they will really be evaluated.
   */
  double[] snap(double[] x) {
    if (!flat) {
      return encode(decode(x));
    }
    double[] s = new double[dimension];
    for (int i = 0; i < offset.length; i++) {
      int o = offset[i];
      if (categorical[i]) {
        int best = 0;
        for (int k = 1; k < width[i]; k++) {
          if (x[o + k] > x[o + best]) {
            best = k;
          }
        }
        s[o + best] = 1;
      } else if (continuous[i]) {
        s[o] = Math.min(1, Math.max(0, x[o]));
      } else {
        var d = space.parameters().get(i).distribution();
        s[o] = d.toUnit(d.fromUnit(x[o]));
      }
    }
    return s;
  }

  /**
   * The points one discrete move away from the snapped point {@code x}: every other choice of each
   * active categorical, and one step up and down of each active integer or stepped parameter.
   */
  List<double[]> neighbours(double[] x) {
    List<double[]> out = new ArrayList<>();
    Map<String, Object> params = decode(x);
    for (int i = 0; i < offset.length; i++) {
      Parameter p = space.parameters().get(i);
      Object v = params.get(p.name());
      if (v == null) {
        continue;
      }
      int o = offset[i];
      switch (p.distribution()) {
        case Categorical c -> {
          for (int k = 0; k < width[i]; k++) {
            if (x[o + k] != 1) {
              double[] y = x.clone();
              Arrays.fill(y, o, o + width[i], 0);
              y[o + k] = 1;
              out.add(flat ? y : snap(y));
            }
          }
        }
        case IntRange r -> {
          for (long next : new long[] {(Long) v - r.step(), (Long) v + r.step()}) {
            if (next >= r.low() && next <= r.high()) {
              double[] y = x.clone();
              y[o] = r.toUnit(next);
              out.add(flat ? y : snap(y));
            }
          }
        }
        case FloatRange f -> {
          if (f.step() > 0) {
            for (double next : new double[] {(Double) v - f.step(), (Double) v + f.step()}) {
              if (next >= f.low() && next <= f.high()) {
                double[] y = x.clone();
                y[o] = f.toUnit(next);
                out.add(snap(y));
              }
            }
          }
        }
      }
    }
    return out;
  }
}
