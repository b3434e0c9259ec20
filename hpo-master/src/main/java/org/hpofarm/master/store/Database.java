package org.hpofarm.master.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The relational database that makes the master's state durable: an H2 file under the data
 * directory by default, or PostgreSQL. Opening it migrates the schema (Flyway, {@code
 * db/migration}).
 */
public final class Database implements AutoCloseable {

  /** The least time between two commits' starts when writes queue up (see {@link GroupCommit}). */
  static final Duration COMMIT_GAP = Duration.ofMillis(1);

  /** The SQL flavour, for the few statements that differ (upserts). */
  public enum Dialect {
    H2,
    POSTGRESQL
  }

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final GroupCommit writes;

  private Database(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
    this.writes = new GroupCommit(pool, COMMIT_GAP, "farm-db-commit");
  }

  /** The default database: an H2 file {@code farm} in {@code dataDir}. */
  public static String h2Url(Path dataDir) {
    // WRITE_DELAY=0: a committed transaction reaches the file before the commit returns, so a
    // process killed with -9 keeps every told result.
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("farm") + ";WRITE_DELAY=0";
  }

  /**
   * True when another process holds the default H2 database of {@code dataDir} open (H2 locks its
   * file while it has it).
   */
  public static boolean h2InUse(Path dataDir) {
    Path file = dataDir.resolve("farm.mv.db");
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel channel =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      return lock == null;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false; // H2 says what is wrong when it opens the file
    }
  }

  /**
   * Opens {@code url} and migrates it. {@code schema} (PostgreSQL only, may be null) puts the
   * tables in their own schema, created if needed.
   */
  public static Database open(String url, String schema) {
    Dialect dialect;
    if (url.startsWith("jdbc:h2:")) {
      dialect = Dialect.H2;
    } else if (url.startsWith("jdbc:postgresql:")) {
      dialect = Dialect.POSTGRESQL;
    } else {
      throw new IllegalArgumentException(
          "db: must be a jdbc:h2: or jdbc:postgresql: URL, got " + url);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    config.setPoolName("farm-db");
    config.setAutoCommit(true);
    if (schema != null) {
      config.setSchema(schema);
    }
    var flyway = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration");
    if (schema != null) {
      flyway = flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    flyway.load().migrate();
    return new Database(new HikariDataSource(config), dialect);
  }

  public DataSource dataSource() {
    return pool;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Where updates go: they share commits with concurrent ones. */
  GroupCommit writes() {
    return writes;
  }

  @Override
  public void close() {
    writes.close();
    pool.close();
  }
}
