package org.hpofarm.master.store;

import com.hazelcast.map.MapStore;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hpofarm.master.auth.TokenRecord;

/** Writes token records through to the database; loads them by hash when asked. */
final class TokenMapStore implements MapStore<String, String> {

  private final JdbcRecords records;

  TokenMapStore(JdbcRecords records) {
    this.records = records;
  }

  static String encode(TokenRecord t) {
    return t.admin() + "|" + (t.expires() == null ? "" : t.expires()) + "|" + t.user();
  }

  static TokenRecord decode(String hash, String text) {
    String[] parts = text.split("\\|", 3);
    return new TokenRecord(
        hash,
        parts[2],
        Boolean.parseBoolean(parts[0]),
        parts[1].isEmpty() ? null : Instant.parse(parts[1]));
  }

  @Override
  public void store(String key, String value) {
    records.putToken(decode(key, value));
  }

  @Override
  public void storeAll(Map<String, String> map) {
    map.forEach(this::store);
  }

  @Override
  public void delete(String key) {
    records.deleteToken(key);
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    keys.forEach(this::delete);
  }

  @Override
  public String load(String key) {
    return records.token(key).map(TokenMapStore::encode).orElse(null);
  }

  @Override
  public Map<String, String> loadAll(Collection<String> keys) {
    Map<String, String> out = new HashMap<>();
    for (String k : keys) {
      String v = load(k);
      if (v != null) {
        out.put(k, v);
      }
    }
    return out;
  }

  @Override
  public Iterable<String> loadAllKeys() {
    return List.of();
  }
}
