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
import javax.sql.DataSource;

/**
 * Group commit: the writes of concurrent callers share transactions. Callers queue a statement and
 * wait; one committer thread takes everything queued and commits it as one transaction. It starts a
 * commit at most once per {@code gap}: alone, a write is committed at once; under load, the writes
 * that arrive during a gap share one commit (with H2 a commit costs about ten rows' work). Each
 * caller returns once its own statement is committed, or throws its own failure.
 */
final class GroupCommit implements AutoCloseable {

  private record Statement(String sql, Object[] args, CompletableFuture<Void> done) {}

  private final DataSource db;
  private final long gapNanos;
  private final LinkedBlockingQueue<Statement> queue = new LinkedBlockingQueue<>();
  private final Thread committer;
  private volatile boolean closed;

  GroupCommit(DataSource db, Duration gap, String name) {
    this.db = db;
    this.gapNanos = gap.toNanos();
    this.committer = Thread.ofPlatform().name(name).daemon().start(this::run);
  }

  /** Runs one update statement; when this returns, it is committed. */
  void execute(String sql, Object... args) {
    if (closed) {
      throw new IllegalStateException("database: closed");
    }
    Statement mine = new Statement(sql, args, new CompletableFuture<>());
    queue.add(mine);
    try {
      mine.done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof IllegalStateException ise
          ? ise
          : new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    closed = true;
    committer.interrupt();
    try {
      committer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.forEach(s -> s.done.completeExceptionally(new IllegalStateException("database: closed")));
  }

  private void run() {
    long last = System.nanoTime() - gapNanos;
    while (!closed) {
      List<Statement> batch = new ArrayList<>();
      try {
        batch.add(queue.take());
        long wait = last + gapNanos - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      } catch (InterruptedException e) {
        queue.drainTo(batch);
        commit(batch);
        return;
      }
      last = System.nanoTime();
      queue.drainTo(batch);
      commit(batch);
    }
  }

  private void commit(List<Statement> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (inOneTransaction(batch)) {
      batch.forEach(s -> s.done.complete(null));
      return;
    }
    // A statement failed: each on its own, so that a failure is only its own caller's.
    for (Statement s : batch) {
      try (Connection c = db.getConnection();
          PreparedStatement ps = c.prepareStatement(s.sql)) {
        JdbcRecords.bind(ps, s.args);
        ps.executeUpdate();
        s.done.complete(null);
      } catch (SQLException | RuntimeException e) {
        s.done.completeExceptionally(new IllegalStateException("database: " + e.getMessage(), e));
      }
    }
  }

  private boolean inOneTransaction(List<Statement> batch) {
    try (Connection c = db.getConnection()) {
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
