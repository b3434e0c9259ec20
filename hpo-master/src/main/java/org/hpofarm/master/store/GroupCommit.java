package org.hpofarm.master.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit: the writes of concurrent callers share transactions. Callers queue a statement and
 * wait; one committer thread takes everything queued and commits it as one transaction. It starts a
 * commit at most once per {@code gap}: alone, a write is committed at once; under load, the writes
 * that arrive during a gap share one commit (with H2 a commit costs about ten rows' work). Each
 * caller returns once its own statement is committed, or throws its own failure.
 */
final class GroupCommit implements AutoCloseable {

  private record Statement(String sql, Object[] args, CompletableFuture<Void> done) {}

  /** Where connections come from. */
  interface Connections {
    Connection get() throws SQLException;
  }

  /** Queued by {@link #close}: the committer stops after committing what came before it. */
  private static final Statement STOP = new Statement("", new Object[0], new CompletableFuture<>());

  private final Connections db;
  private final java.util.function.Function<Exception, RuntimeException> failure;
  private final long gapNanos;
  private final LinkedBlockingQueue<Statement> queue = new LinkedBlockingQueue<>();
  private final Thread committer;
  private boolean closed; // guarded by this

  /** Commits into {@code db}; {@code failure} says what a database error stands for. */
  GroupCommit(
      Connections db,
      Duration gap,
      String name,
      java.util.function.Function<Exception, RuntimeException> failure) {
    this.db = db;
    this.failure = failure;
    this.gapNanos = gap.toNanos();
    this.committer = Thread.ofPlatform().name(name).daemon().start(this::run);
  }

  /** Runs one update statement; when this returns, it is committed. */
  void execute(String sql, Object... args) {
    Statement mine = new Statement(sql, args, new CompletableFuture<>());
    synchronized (this) { // nothing joins the queue behind STOP
      if (closed) {
        throw new StoreUnavailable("database: closed", null);
      }
      queue.add(mine);
    }
    try {
      mine.done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new StoreFailed("database", e);
    }
  }

  /**
   * Commits what is queued, then stops the committer. The committer is never interrupted: H2 closes
   * its file when a thread is interrupted inside a write.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      committer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.forEach(
        s -> s.done.completeExceptionally(new StoreUnavailable("database: closed", null)));
  }

  private void run() {
    long last = System.nanoTime() - gapNanos;
    boolean stop = false;
    while (!stop) {
      List<Statement> batch = new ArrayList<>();
      Statement first = takeUninterruptibly();
      long wait = last + gapNanos - System.nanoTime();
      if (wait > 0 && first != STOP) {
        LockSupport.parkNanos(wait);
      }
      last = System.nanoTime();
      batch.add(first);
      queue.drainTo(batch);
      stop = batch.remove(STOP);
      commit(batch);
    }
  }

  private Statement takeUninterruptibly() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // only close() stops the committer
      }
    }
  }

  private void commit(List<Statement> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      if (inOneTransaction(batch)) {
        batch.forEach(s -> s.done.complete(null));
        return;
      }
    } catch (StoreUnavailable e) {
      batch.forEach(s -> s.done.completeExceptionally(e)); // no connection: none would get one
      return;
    }
    // A statement failed: each on its own, so that a failure is only its own caller's.
    for (Statement s : batch) {
      try (Connection c = db.get();
          PreparedStatement ps = c.prepareStatement(s.sql)) {
        JdbcRecords.bind(ps, s.args);
        ps.executeUpdate();
        s.done.complete(null);
      } catch (SQLException | RuntimeException e) {
        s.done.completeExceptionally(failure.apply(e));
      }
    }
  }

  /** Commits the batch; false when a statement failed; throws when no connection could be had. */
  private boolean inOneTransaction(List<Statement> batch) {
    Connection connection;
    try {
      connection = db.get();
    } catch (SQLException | RuntimeException e) {
      RuntimeException f = failure.apply(e);
      if (f instanceof StoreUnavailable) {
        throw f;
      }
      return false;
    }
    try (Connection c = connection) {
      c.setAutoCommit(false);
      Map<String, PreparedStatement> prepared = new HashMap<>();
      try {
        for (Statement s : batch) {
          PreparedStatement ps = prepared.get(s.sql);
          if (ps == null) {
            ps = c.prepareStatement(s.sql);
            prepared.put(s.sql, ps);
          }
          JdbcRecords.bind(ps, s.args);
          ps.executeUpdate();
        }
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        return false;
      } finally {
        for (PreparedStatement ps : prepared.values()) {
          ps.close();
        }
        c.setAutoCommit(true);
      }
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }
}
