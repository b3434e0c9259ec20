package org.hpofarm.master.store;

import com.hazelcast.map.MapLoader;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads a study's next trial number from the database (one past the highest stored trial). Nothing
 * is written: a number handed out but never stored may be handed out again after a full restart,
 * which is harmless since no trial carries it.
 */
final class NumberMapLoader implements MapLoader<String, Integer> {

  private final JdbcRecords records;

  NumberMapLoader(JdbcRecords records) {
    this.records = records;
  }

  @Override
  public Integer load(String key) {
    return records.nextNumber(key);
  }

  @Override
  public Map<String, Integer> loadAll(Collection<String> keys) {
    Map<String, Integer> out = new HashMap<>();
    keys.forEach(k -> out.put(k, load(k)));
    return out;
  }

  @Override
  public Iterable<String> loadAllKeys() {
    return java.util.List.of();
  }
}
