package org.hpofarm.master.study;

import java.util.List;

/** One page of a longer list, with the length of the whole list. */
public record Page<T>(List<T> items, int total) {
  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page of {@code all} that starts at {@code offset} and holds at most {@code limit} items;
   * errors name the field ({@code offset} below 0, {@code limit} outside [1, {@code maxLimit}]).
   */
  public static <T> Page<T> of(List<T> all, int offset, int limit, int maxLimit) {
    check(offset, limit, maxLimit);
    return new Page<>(
        all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit)),
        all.size());
  }

  /** Checks a page's {@code offset} (at least 0) and {@code limit} (1 to {@code maxLimit}). */
  public static void check(int offset, int limit, int maxLimit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: must be >= 0, got " + offset);
    }
    if (limit < 1 || limit > maxLimit) {
      throw new IllegalArgumentException("limit: must be in [1, " + maxLimit + "], got " + limit);
    }
  }
}
