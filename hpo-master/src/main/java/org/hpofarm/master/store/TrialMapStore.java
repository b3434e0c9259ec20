package org.hpofarm.master.store;

import com.hazelcast.map.MapStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes trials through to the database as the cluster's trial map changes, and loads them back.
 */
final class TrialMapStore implements MapStore<String, String> {

  private final JdbcRecords records;

  TrialMapStore(JdbcRecords records) {
    this.records = records;
  }

  @Override
  public void store(String key, String value) {
    TrialKey k = TrialKey.parse(key);
    records.putTrial(k.study(), k.number(), stateOf(value), value);
  }

  @Override
  public void storeAll(Map<String, String> map) {
    map.forEach(this::store);
  }

  @Override
  public void delete(String key) {
    TrialKey k = TrialKey.parse(key);
    records.deleteTrial(k.study(), k.number());
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    keys.forEach(this::delete);
  }

  @Override
  public String load(String key) {
    TrialKey k = TrialKey.parse(key);
    return records.trial(k.study(), k.number()).orElse(null);
  }

  @Override
  public Map<String, String> loadAll(Collection<String> keys) {
    Map<String, List<Integer>> byStudy = new LinkedHashMap<>();
    for (String key : keys) {
      TrialKey k = TrialKey.parse(key);
      byStudy.computeIfAbsent(k.study(), s -> new ArrayList<>()).add(k.number());
    }
    Map<String, String> out = new HashMap<>();
    byStudy.forEach(
        (study, numbers) ->
            records
                .trials(study, new java.util.HashSet<>(numbers))
                .forEach((n, body) -> out.put(TrialKey.of(study, n), body)));
    return out;
  }

  @Override
  public Iterable<String> loadAllKeys() {
    return List.of(); // trials are loaded study by study, when first used
  }

  /** The state field of a trial's JSON text, without parsing the rest. */
  static String stateOf(String json) {
    int i = json.indexOf("\"state\":\"");
    if (i < 0) {
      throw new IllegalArgumentException("trial text without a state");
    }
    int start = i + 9;
    return json.substring(start, json.indexOf('"', start));
  }
}
