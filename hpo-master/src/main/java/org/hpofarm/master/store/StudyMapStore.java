package org.hpofarm.master.store;

import com.hazelcast.map.MapStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudyJson;

/** Writes studies through to the database and loads them all when the cluster starts. */
final class StudyMapStore implements MapStore<String, String> {

  private final JdbcRecords records;

  StudyMapStore(JdbcRecords records) {
    this.records = records;
  }

  @Override
  public void store(String key, String value) {
    Study s = StudyJson.decode(value);
    records.putStudy(key, s.owner(), s.spec().name(), value);
  }

  @Override
  public void storeAll(Map<String, String> map) {
    map.forEach(this::store);
  }

  @Override
  public void delete(String key) {
    records.deleteStudy(key);
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    keys.forEach(this::delete);
  }

  @Override
  public String load(String key) {
    return records.study(key).orElse(null);
  }

  @Override
  public Map<String, String> loadAll(Collection<String> keys) {
    Map<String, String> out = new HashMap<>();
    for (String k : keys) {
      records.study(k).ifPresent(v -> out.put(k, v));
    }
    return out;
  }

  @Override
  public Iterable<String> loadAllKeys() {
    return records.studyIds();
  }
}
