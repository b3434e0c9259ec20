package org.hpofarm.master.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hpofarm.master.auth.TokenRecord;

/**
 * The rows of the durable record: studies, trials and tokens as JSON texts keyed by id, (study,
 * number) and hash. When a write returns, its row is committed; concurrent writes share commits
 * ({@link GroupCommit}).
 */
public final class JdbcRecords {

  private final Database db;
  private final String upsertTrial;
  private final String upsertStudy;
  private final String upsertToken;

  public JdbcRecords(Database db) {
    this.db = db;
    if (db.dialect() == Database.Dialect.H2) {
      upsertTrial =
          "MERGE INTO trials (study_id, number, state, body) KEY (study_id, number) VALUES (?, ?, ?, ?)";
      upsertStudy = "MERGE INTO studies (id, owner, name, body) KEY (id) VALUES (?, ?, ?, ?)";
      upsertToken =
          "MERGE INTO tokens (hash, user_name, admin, expires, agent, serves, may_run_commands)"
              + " KEY (hash) VALUES (?, ?, ?, ?, ?, ?, ?)";
    } else {
      upsertTrial =
          "INSERT INTO trials (study_id, number, state, body) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (study_id, number) DO UPDATE SET state = EXCLUDED.state, body = EXCLUDED.body";
      upsertStudy =
          "INSERT INTO studies (id, owner, name, body) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, name = EXCLUDED.name, body = EXCLUDED.body";
      upsertToken =
          "INSERT INTO tokens (hash, user_name, admin, expires, agent, serves, may_run_commands)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (hash) DO UPDATE SET user_name = EXCLUDED.user_name, admin = EXCLUDED.admin,"
              + " expires = EXCLUDED.expires, agent = EXCLUDED.agent, serves = EXCLUDED.serves,"
              + " may_run_commands = EXCLUDED.may_run_commands";
    }
  }

  public void putTrial(String study, int number, String state, String body) {
    update(upsertTrial, study, number, state, body);
  }

  public Optional<String> trial(String study, int number) {
    return queryOne("SELECT body FROM trials WHERE study_id = ? AND number = ?", study, number);
  }

  /** The bodies of the given trial numbers of a study that exist. */
  public Map<Integer, String> trials(String study, Collection<Integer> numbers) {
    Map<Integer, String> out = new HashMap<>();
    if (numbers.isEmpty()) {
      return out;
    }
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT number, body FROM trials WHERE study_id = ? ORDER BY number")) {
      ps.setString(1, study);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (numbers.contains(rs.getInt(1))) {
            out.put(rs.getInt(1), rs.getString(2));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw db.failure(e);
    }
  }

  /** One more than the highest trial number of a study, 0 when it has none. */
  public int nextNumber(String study) {
    return queryOne("SELECT MAX(number) FROM trials WHERE study_id = ?", study)
        .map(s -> Integer.parseInt(s) + 1)
        .orElse(0);
  }

  public void putStudy(String id, String owner, String name, String body) {
    update(upsertStudy, id, owner, name, body);
  }

  public Optional<String> study(String id) {
    return queryOne("SELECT body FROM studies WHERE id = ?", id);
  }

  public List<String> studyIds() {
    return strings(db, "SELECT id FROM studies");
  }

  /** Deletes a study and all its trials. */
  public void deleteStudy(String id) {
    update("DELETE FROM trials WHERE study_id = ?", id);
    update("DELETE FROM studies WHERE id = ?", id);
  }

  public void putToken(TokenRecord t) {
    update(
        upsertToken,
        t.hash(),
        t.user(),
        t.admin(),
        t.expires() == null ? null : t.expires().toString(),
        t.agent(),
        t.agent() == null ? null : String.join(",", new java.util.TreeSet<>(t.serves())),
        t.mayRunCommands());
  }

  private static final String TOKEN_COLUMNS =
      "hash, user_name, admin, expires, agent, serves, may_run_commands";

  public Optional<TokenRecord> token(String hash) {
    List<TokenRecord> found =
        tokens("SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE hash = ?", hash);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Every token record. */
  public List<TokenRecord> tokens() {
    return tokens("SELECT " + TOKEN_COLUMNS + " FROM tokens ORDER BY hash");
  }

  private List<TokenRecord> tokens(String sql, String... args) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<TokenRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String expires = rs.getString(4);
          String agent = rs.getString(5);
          String serves = rs.getString(6);
          out.add(
              new TokenRecord(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getBoolean(3),
                  expires == null ? null : Instant.parse(expires),
                  agent,
                  agent == null || serves == null
                      ? java.util.Set.of()
                      : java.util.Set.of(serves.split(",")),
                  rs.getBoolean(7)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw db.failure(e);
    }
  }

  /**
   * The secret named {@code name}: made of 32 random bytes by the first member that asks, read by
   * every other; kept in the database only.
   */
  public byte[] secret(String name) {
    for (int attempt = 0; attempt < 2; attempt++) {
      try (Connection c = db.connection();
          PreparedStatement ps = c.prepareStatement("SELECT secret FROM secrets WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return java.util.HexFormat.of().parseHex(rs.getString(1));
          }
        }
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        try (PreparedStatement insert =
            c.prepareStatement("INSERT INTO secrets (name, secret) VALUES (?, ?)")) {
          insert.setString(1, name);
          insert.setString(2, java.util.HexFormat.of().formatHex(fresh));
          insert.executeUpdate();
          return fresh;
        } catch (SQLException raced) {
          // another member inserted it first: read theirs
        }
      } catch (SQLException e) {
        throw db.failure(e);
      }
    }
    throw new StoreFailed("database: secret '" + name + "' neither read nor written", null);
  }

  public void deleteToken(String hash) {
    update("DELETE FROM tokens WHERE hash = ?", hash);
  }

  private void update(String sql, Object... args) {
    db.writes().execute(sql, args);
  }

  private Optional<String> queryOne(String sql, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw db.failure(e);
    }
  }

  /** The first column of every row {@code sql} selects, as strings. */
  static List<String> strings(Database db, String sql, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw db.failure(e);
    }
  }

  static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (a instanceof Boolean b) {
        ps.setBoolean(i + 1, b);
      } else {
        ps.setString(i + 1, (String) a);
      }
    }
  }
}
