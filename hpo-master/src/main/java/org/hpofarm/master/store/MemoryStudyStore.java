package org.hpofarm.master.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpofarm.master.auth.TokenRecord;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.trial.Trial;

/** A study store in this JVM's memory only: for tests and throwaway runs. Nothing survives. */
public final class MemoryStudyStore implements StudyStore {

  private final Map<String, Study> studies = new ConcurrentHashMap<>();
  private final Map<String, TrialTable> trials = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> numbers = new ConcurrentHashMap<>();
  private final Map<String, Instant> leases = new ConcurrentHashMap<>();
  private final Map<String, TokenRecord> tokens = new ConcurrentHashMap<>();

  @Override
  public boolean createStudy(Study study) {
    return studies.putIfAbsent(study.id(), study) == null;
  }

  @Override
  public Optional<Study> study(String id) {
    return Optional.ofNullable(studies.get(id));
  }

  @Override
  public List<Study> studies() {
    return studies.values().stream()
        .sorted(Comparator.comparing(Study::created).thenComparing(Study::id))
        .toList();
  }

  @Override
  public boolean deleteStudy(String id) {
    trials.remove(id);
    numbers.remove(id);
    leases.keySet().removeIf(k -> k.startsWith(id + "/"));
    return studies.remove(id) != null;
  }

  @Override
  public int nextNumber(String study, int limit) {
    AtomicInteger counter = numbers.computeIfAbsent(study, k -> new AtomicInteger());
    while (true) {
      int n = counter.get();
      if (limit > 0 && n >= limit) {
        return -1;
      }
      if (counter.compareAndSet(n, n + 1)) {
        return n;
      }
    }
  }

  @Override
  public Optional<Trial> trial(String study, int number) {
    TrialTable table = trials.get(study);
    return Optional.ofNullable(table == null ? null : table.get(number));
  }

  @Override
  public List<Trial> trials(String study) {
    TrialTable table = trials.get(study);
    return table == null ? List.of() : table.all();
  }

  @Override
  public List<Trial> waiting(String study) {
    TrialTable table = trials.get(study);
    return table == null ? List.of() : table.waiting();
  }

  @Override
  public List<Trial> running(String study, String worker) {
    TrialTable table = trials.get(study);
    return table == null ? List.of() : table.running(worker);
  }

  @Override
  public List<Trial> running(String study) {
    TrialTable table = trials.get(study);
    return table == null ? List.of() : table.running();
  }

  @Override
  public void insert(String study, Trial trial) {
    trials.computeIfAbsent(study, k -> new TrialTable()).put(trial);
  }

  @Override
  public boolean replace(String study, Trial expected, Trial next) {
    TrialTable table = trials.get(study);
    if (table == null || !table.replace(expected, next)) {
      return false;
    }
    if (next.state().isFinished()) {
      leases.remove(study + "/" + next.number());
    }
    return true;
  }

  @Override
  public void confirm(String study, Trial trial) {}

  @Override
  public void renewLease(String study, int number, Instant expiry, Duration length) {
    leases.put(study + "/" + number, expiry);
  }

  @Override
  public Optional<Instant> renewedLease(String study, int number) {
    return Optional.ofNullable(leases.get(study + "/" + number));
  }

  @Override
  public Set<String> studiesToSweep() {
    return Set.copyOf(studies.keySet());
  }

  @Override
  public void putToken(TokenRecord token) {
    tokens.put(token.hash(), token);
  }

  @Override
  public Optional<TokenRecord> token(String hash) {
    return Optional.ofNullable(tokens.get(hash));
  }

  @Override
  public List<TokenRecord> tokens() {
    return List.copyOf(tokens.values());
  }

  @Override
  public boolean deleteToken(String hash) {
    return tokens.remove(hash) != null;
  }

  @Override
  public void close() {}
}
