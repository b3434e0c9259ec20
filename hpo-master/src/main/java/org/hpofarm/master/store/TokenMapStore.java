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

  /** {@code admin|expires|user}, and for an agent token {@code |agent|serves,...} after it. */
  static String encode(TokenRecord t) {
    String text = t.admin() + "|" + (t.expires() == null ? "" : t.expires()) + "|" + t.user();
    return t.agent() == null
        ? text
        : text + "|" + t.agent() + "|" + String.join(",", new java.util.TreeSet<>(t.serves()));
  }

  static TokenRecord decode(String hash, String text) {
    String[] parts = text.split("\\|", 5);
    Instant expires = parts[1].isEmpty() ? null : Instant.parse(parts[1]);
    boolean admin = Boolean.parseBoolean(parts[0]);
    if (parts.length == 5) {
      return new TokenRecord(
          hash, parts[2], admin, expires, parts[3], java.util.Set.of(parts[4].split(",")));
    }
    return new TokenRecord(hash, parts[2], admin, expires);
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
