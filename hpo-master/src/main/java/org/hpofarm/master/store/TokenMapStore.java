package org.hpofarm.master.store;

import com.hazelcast.map.MapStore;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hpofarm.master.auth.TokenRecord;

/**
 * Writes token records through to the database and loads them by hash when asked. The map holds
 * each record sealed ({@link RecordSeal}): a record whose seal does not open is refused here, so a
 * forged map entry never reaches the database, and not found by {@link #decode}.
 */
final class TokenMapStore implements MapStore<String, String> {

  private final JdbcRecords records;
  private final RecordSeal seal;

  TokenMapStore(JdbcRecords records, RecordSeal seal) {
    this.records = records;
    this.seal = seal;
  }

  /** The sealed map value of a record: {@code admin|expires|user|agent|serves|commands#mac}. */
  String encode(TokenRecord t) {
    String text =
        String.join(
            "|",
            Boolean.toString(t.admin()),
            t.expires() == null ? "" : t.expires().toString(),
            t.user(),
            t.agent() == null ? "" : t.agent(),
            String.join(",", new TreeSet<>(t.serves())),
            Boolean.toString(t.mayRunCommands()));
    return seal.seal(t.hash(), text);
  }

  /** The record of a sealed map value, or null when its seal does not open. */
  TokenRecord decode(String hash, String value) {
    String text = seal.open(hash, value).orElse(null);
    if (text == null) {
      return null;
    }
    String[] parts = text.split("\\|", -1);
    return new TokenRecord(
        hash,
        parts[2],
        Boolean.parseBoolean(parts[0]),
        parts[1].isEmpty() ? null : Instant.parse(parts[1]),
        parts[3].isEmpty() ? null : parts[3],
        parts[4].isEmpty() ? Set.of() : Set.of(parts[4].split(",")),
        Boolean.parseBoolean(parts[5]));
  }

  @Override
  public void store(String key, String value) {
    TokenRecord t = decode(key, value);
    if (t == null) {
      throw new IllegalArgumentException("tokens: refused a record without a valid seal");
    }
    records.putToken(t);
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
    return records.token(key).map(this::encode).orElse(null);
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
