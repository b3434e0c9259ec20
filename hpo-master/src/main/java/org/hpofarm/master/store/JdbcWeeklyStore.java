package org.hpofarm.master.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.hpofarm.weekly.campaign.Campaign;
import org.hpofarm.weekly.campaign.WeeklyStore;
import org.hpofarm.weekly.repository.RepositorySpec;

/**
 * The weekly build's records in the master's database (table by table: {@code repositories}, {@code
 * deliveries}, {@code campaigns}; Flyway V4). A delivery and a campaign are taken by a plain
 * insert, so that of several masters exactly one takes each.
 */
public final class JdbcWeeklyStore implements WeeklyStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database db;

  public JdbcWeeklyStore(Database db) {
    this.db = db;
  }

  @Override
  public void putRepository(RepositorySpec repository) {
    String body = repository.toStoredJson().toString();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        execute(c, "DELETE FROM repositories WHERE name = ?", repository.name());
        execute(c, "INSERT INTO repositories (name, body) VALUES (?, ?)", repository.name(), body);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw db.failure(e);
    }
  }

  @Override
  public Optional<RepositorySpec> repository(String name) {
    return query("SELECT body FROM repositories WHERE name = ?", name).stream()
        .findFirst()
        .map(JdbcWeeklyStore::repositoryOf);
  }

  @Override
  public List<RepositorySpec> repositories() {
    return query("SELECT body FROM repositories ORDER BY name").stream()
        .map(JdbcWeeklyStore::repositoryOf)
        .toList();
  }

  @Override
  public boolean deleteRepository(String name) {
    try (Connection c = db.connection()) {
      return execute(c, "DELETE FROM repositories WHERE name = ?", name) > 0;
    } catch (SQLException e) {
      throw db.failure(e);
    }
  }

  @Override
  public boolean firstDelivery(String forge, String delivery) {
    return insertOnce("INSERT INTO deliveries (forge, id) VALUES (?, ?)", forge, delivery);
  }

  @Override
  public boolean addCampaign(Campaign campaign) {
    return insertOnce(
        "INSERT INTO campaigns (repository, week, started, body) VALUES (?, ?, ?, ?)",
        campaign.repository(),
        campaign.week(),
        campaign.started().toString(),
        campaign.toJson().toString());
  }

  @Override
  public void updateCampaign(Campaign campaign) {
    try (Connection c = db.connection()) {
      execute(
          c,
          "UPDATE campaigns SET body = ? WHERE repository = ? AND week = ?",
          campaign.toJson().toString(),
          campaign.repository(),
          campaign.week());
    } catch (SQLException e) {
      throw db.failure(e);
    }
  }

  @Override
  public List<Campaign> campaigns() {
    return query("SELECT body FROM campaigns ORDER BY started, repository").stream()
        .map(
            body -> {
              try {
                return Campaign.fromJson(JSON.readTree(body));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  /** Inserts a row; false when its key is taken (SQL state class 23), by this master or another. */
  private boolean insertOnce(String sql, String... args) {
    try (Connection c = db.connection()) {
      execute(c, sql, (Object[]) args);
      return true;
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        return false;
      }
      throw db.failure(e);
    }
  }

  private static int execute(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JdbcRecords.bind(ps, args);
      return ps.executeUpdate();
    }
  }

  private List<String> query(String sql, Object... args) {
    return JdbcRecords.strings(db, sql, args);
  }

  private static RepositorySpec repositoryOf(String body) {
    try {
      return RepositorySpec.fromJson(JSON.readTree(body), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
