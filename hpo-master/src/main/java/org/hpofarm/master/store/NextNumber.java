package org.hpofarm.master.store;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Takes a study's next trial number atomically on the partition that owns the study's counter:
 * returns the number, or -1 when {@code limit > 0} numbers are already taken.
 */
final class NextNumber implements EntryProcessor<String, Integer, Integer> {

  private static final long serialVersionUID = 1L;
  private final int limit;

  NextNumber(int limit) {
    this.limit = limit;
  }

  @Override
  public Integer process(Map.Entry<String, Integer> entry) {
    int n = entry.getValue() == null ? 0 : entry.getValue();
    if (limit > 0 && n >= limit) {
      return -1;
    }
    entry.setValue(n + 1);
    return n;
  }
}
