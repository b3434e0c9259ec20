package org.hpofarm.cli;

/**
 * The nearest-rank percentile of sorted measurements, as the farm's commands print them (the
 * simulation's waits, the HTTP benchmark's latencies): the smallest value with at least a share
 * {@code q} of the values at or below it.
 */
public final class Percentile {

  private Percentile() {}

  /** The {@code q}-quantile (0 < q <= 1) of {@code sorted}, or NaN when it is empty. */
  public static double nearestRank(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
