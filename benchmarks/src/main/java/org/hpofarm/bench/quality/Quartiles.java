package org.hpofarm.bench.quality;

import java.util.Arrays;

/**
 * The first quartile, median and third quartile of a sample, computed as Python's {@code
 * statistics.median} and {@code statistics.quantiles(data, n=4)} (the default 'exclusive' method)
 * do, so that the farm's figures and the Optuna reference script's are comparable.
 */
public record Quartiles(double q1, double median, double q3) {

  /*
   * The exclusive method (Hyndman & Fan 1996, definition 6; the R type 6 quantile) places the
   * i-th cut point of n at position i * (m + 1) / n of the sorted data (1-based), interpolating
   * linearly between neighbours and clamping to the first and last points. With one data point
   * every quartile is that point (as Python 3.13 returns).
   */

  /** The quartiles of {@code values} (at least one, none NaN). */
  public static Quartiles of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values: need at least one value");
    }
    double[] d = values.clone();
    Arrays.sort(d);
    if (Double.isNaN(d[d.length - 1])) {
      throw new IllegalArgumentException("values: must not contain NaN");
    }
    if (d.length == 1) {
      return new Quartiles(d[0], d[0], d[0]);
    }
    return new Quartiles(cut(d, 1), median(d), cut(d, 3));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double cut(double[] sorted, int i) {
    int n = 4;
    int m = sorted.length + 1;
    int j = Math.clamp(i * m / n, 1, sorted.length - 1);
    int delta = i * m - j * n;
    return (sorted[j - 1] * (n - delta) + sorted[j] * delta) / n;
  }
}
