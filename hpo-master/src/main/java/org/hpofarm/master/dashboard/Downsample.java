package org.hpofarm.master.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Bucketed min-max downsampling: a series longer than its budget is cut into equal buckets of
 * consecutive items, and each bucket keeps its lowest and highest item, so a chart keeps the
 * series' envelope (its outliers included) at a bounded number of points.
 */
final class Downsample {

  private Downsample() {}

  /** At most {@code budget} items of {@code items} (in order), the envelope by {@code y}. */
  static <T> List<T> minMax(List<T> items, int budget, ToDoubleFunction<T> y) {
    if (items.size() <= budget) {
      return items;
    }
    int buckets = Math.max(1, budget / 2);
    List<T> out = new ArrayList<>(budget);
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * items.size() / buckets);
      int to = (int) ((long) (b + 1) * items.size() / buckets);
      int lo = from;
      int hi = from;
      for (int i = from; i < to; i++) {
        if (y.applyAsDouble(items.get(i)) < y.applyAsDouble(items.get(lo))) {
          lo = i;
        }
        if (y.applyAsDouble(items.get(i)) > y.applyAsDouble(items.get(hi))) {
          hi = i;
        }
      }
      out.add(items.get(Math.min(lo, hi)));
      if (lo != hi) {
        out.add(items.get(Math.max(lo, hi)));
      }
    }
    return out;
  }

  /** At most {@code budget} items of {@code items}, evenly spaced, the last one always kept. */
  static <T> List<T> stride(List<T> items, int budget) {
    if (items.size() <= budget) {
      return items;
    }
    List<T> out = new ArrayList<>(budget);
    for (int k = 0; k < budget - 1; k++) {
      out.add(items.get((int) ((long) k * (items.size() - 1) / (budget - 1))));
    }
    out.add(items.get(items.size() - 1));
    return out;
  }
}
