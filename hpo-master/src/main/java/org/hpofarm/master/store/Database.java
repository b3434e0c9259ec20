package org.hpofarm.master.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
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

  /** The longest a call waits for a connection before the database counts as unavailable. */
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final GroupCommit writes;
  private final LongAdder failures = new LongAdder();

  /** A call refused without trying, while the database was found unreachable a moment ago. */
  private static final class FailingFast extends SQLTransientConnectionException {
    FailingFast() {
      super("database: unreachable a moment ago", "08001");
    }
  }

  /** How long calls fail at once after the database was found unreachable. */
  static final Duration FAIL_FAST = Duration.ofSeconds(1);

  private volatile long unreachableSince = System.nanoTime() - FAIL_FAST.toNanos();

  private Database(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
    this.writes = new GroupCommit(this::connection, COMMIT_GAP, "farm-db-commit", this::failure);
  }

  /**
   * The failure a database error stands for, counted: {@link StoreUnavailable} when the database
   * could not be reached or could not write (a connection error, SQL state class 08 or PostgreSQL's
   * 57P, an I/O error such as a full disk under H2, or no connection within {@link
   * #CONNECTION_TIMEOUT}), else {@link StoreFailed}.
   */
  RuntimeException failure(Exception e) {
    failures.increment();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String state = t instanceof SQLException s ? s.getSQLState() : null;
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof IOException
          || (state != null && (state.startsWith("08") || state.startsWith("57P")))) {
        if (!(t instanceof FailingFast)) {
          unreachableSince = System.nanoTime(); // only a real attempt starts a new wait
        }
        return new StoreUnavailable(
            "database: unavailable (" + t.getClass().getSimpleName() + ")", e);
      }
    }
    return new StoreFailed("database: " + e.getMessage(), e);
  }

  /** How many database calls have failed since the start. */
  public long failures() {
    return failures.sum();
  }

  /** Whether the database answers now (within {@link #CONNECTION_TIMEOUT}). */
  public boolean reachable() {
    try (Connection c = connection()) {
      return c.isValid(1);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
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
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setValidationTimeout(1000);
    // A connection that says the database is gone goes from the pool, whatever its SQL state: H2
    // closes its database when a write fails (a full disk), and only a new connection opens it
    // again once there is room.
    config.setExceptionOverride(
        new SQLExceptionOverride() {
          @java.lang.Override
          public Override adjudicate(SQLException e) {
            return e instanceof SQLNonTransientConnectionException
                ? Override.MUST_EVICT
                : Override.CONTINUE_EVICT;
          }
        });
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

  /**
   * A connection from the pool. After the database was found unreachable, calls fail at once for
   * {@link #FAIL_FAST} instead of each waiting out the pool's timeout; the first call after that
   * tries again. So a request that needs several database calls answers within one timeout.
   */
  Connection connection() throws SQLException {
    if (System.nanoTime() - unreachableSince < FAIL_FAST.toNanos()) {
      throw new FailingFast();
    }
    return pool.getConnection();
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
