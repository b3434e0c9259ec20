package org.hpofarm.master.store;

import com.hazelcast.map.MapLoader;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads trials from the database into the cluster's trial map, study by study when first used.
 * Writes do not come this way: {@link HazelcastStudyStore} writes each trial to the database
 * itself, in the caller's thread, so that concurrent writes share commits.
 */
final class TrialMapLoader implements MapLoader<String, String> {

  private final JdbcRecords records;

  TrialMapLoader(JdbcRecords records) {
    this.records = records;
  }

  @Override
  public String load(String key) {
    TrialKey k = TrialKey.parse(key);
    return records.trial(k.study(), k.number()).orElse(null);
  }

  @Override
  public Map<String, String> loadAll(Collection<String> keys) {
    Map<String, Set<Integer>> byStudy = new HashMap<>();
    for (String key : keys) {
      TrialKey k = TrialKey.parse(key);
      byStudy.computeIfAbsent(k.study(), s -> new HashSet<>()).add(k.number());
    }
    Map<String, String> out = new HashMap<>();
    byStudy.forEach(
        (study, numbers) ->
            records
                .trials(study, numbers)
                .forEach((n, body) -> out.put(TrialKey.of(study, n), body)));
    return out;
  }

  @Override
  public Iterable<String> loadAllKeys() {
    return List.of(); // trials are loaded study by study, when first used
  }
}
