package org.hpofarm.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hpofarm.master.auth.TokenRecord;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import org.junit.jupiter.api.Test;

/** What every {@link StudyStore} promises; each implementation's test implements this. */
public interface StudyStoreContract {

  /** The store under test (may be shared by the tests of a class: ids are unique per test). */
  StudyStore store();

  /**
   * Closes the store and opens it again on the same durable data, or returns empty for a store that
   * keeps nothing.
   */
  default Optional<StudyStore> reopen() {
    return Optional.empty();
  }

  Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static Study newStudy(String owner) throws Exception {
    var spec =
        StudySpec.fromJson(
            new ObjectMapper()
                .readTree(
                    "{\"name\": \"s\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0,"
                        + " \"high\": 1}}}"));
    return new Study(
        UUID.randomUUID().toString().replace("-", "").substring(0, 16), owner, spec, T0);
  }

  @Test
  default void aStudyIsCreatedOnceAndFoundAgain() throws Exception {
    Study s = newStudy("alice");
    assertTrue(store().createStudy(s));
    assertFalse(store().createStudy(new Study(s.id(), "bob", s.spec(), T0)));
    assertEquals(s, store().study(s.id()).orElseThrow());
    assertTrue(store().studies().contains(s));
    assertEquals(Optional.empty(), store().study("no-such-study"));
  }

  @Test
  default void deletingAStudyRemovesItsTrials() throws Exception {
    Study s = newStudy("alice");
    store().createStudy(s);
    int n = store().nextNumber(s.id(), 0);
    store().insert(s.id(), Trial.running(n, Map.of("x", 0.5), "w", T0));
    assertTrue(store().deleteStudy(s.id()));
    assertFalse(store().deleteStudy(s.id()));
    assertEquals(Optional.empty(), store().study(s.id()));
    assertEquals(Optional.empty(), store().trial(s.id(), n));
  }

  @Test
  default void numbersAreUniqueUnderConcurrencyAndRespectTheLimit() throws Exception {
    Study s = newStudy("alice");
    store().createStudy(s);
    List<Integer> taken = Collections.synchronizedList(new ArrayList<>());
    try (var pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        fs.add(
            pool.submit(
                () -> {
                  for (int j = 0; j < 20; j++) {
                    int n = store().nextNumber(s.id(), 100);
                    if (n >= 0) {
                      taken.add(n);
                    }
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    }
    assertEquals(100, taken.size());
    assertEquals(100, new HashSet<>(taken).size());
    assertEquals(-1, store().nextNumber(s.id(), 100));
    assertEquals(100, store().nextNumber(s.id(), 0));
  }

  @Test
  default void replaceIsACompareAndSet() throws Exception {
    Study s = newStudy("alice");
    store().createStudy(s);
    Trial waiting = Trial.waiting(store().nextNumber(s.id(), 0), Map.of("x", 0.25), 0, T0);
    store().insert(s.id(), waiting);
    Trial a = waiting.start("a", T0);
    Trial b = waiting.start("b", T0);
    assertTrue(store().replace(s.id(), waiting, a));
    assertFalse(store().replace(s.id(), waiting, b), "a stale version must lose");
    assertEquals(a, store().trial(s.id(), a.number()).orElseThrow());
    Trial done = a.report(1, 0.5).complete(List.of(0.4), T0.plusSeconds(5));
    assertTrue(store().replace(s.id(), a, done));
    assertEquals(done, store().trial(s.id(), a.number()).orElseThrow());
    assertEquals(List.of(done), store().trials(s.id()));
  }

  @Test
  default void waitingTrialsAndAWorkersRunningTrialsAreFoundWithoutAScan() throws Exception {
    Study s = newStudy("alice");
    store().createStudy(s);
    Trial w = Trial.waiting(store().nextNumber(s.id(), 0), Map.of("x", 0.1), 0, T0);
    Trial a = Trial.running(store().nextNumber(s.id(), 0), Map.of("x", 0.2), "a", T0);
    Trial b = Trial.running(store().nextNumber(s.id(), 0), Map.of("x", 0.3), "b", T0);
    store().insert(s.id(), w);
    store().insert(s.id(), a);
    store().insert(s.id(), b);
    assertEquals(List.of(w), store().waiting(s.id()));
    assertEquals(List.of(a), store().running(s.id(), "a"));
    Trial started = w.start("a", T0);
    assertTrue(store().replace(s.id(), w, started));
    assertEquals(List.of(), store().waiting(s.id()));
    assertEquals(List.of(started, a), store().running(s.id(), "a"));
    assertTrue(store().replace(s.id(), a, a.complete(List.of(1.0), T0)));
    assertEquals(List.of(started), store().running(s.id(), "a"));
    assertEquals(List.of(b), store().running(s.id(), "b"));
    Trial anonymous = Trial.running(store().nextNumber(s.id(), 0), Map.of("x", 0.4), null, T0);
    store().insert(s.id(), anonymous);
    assertEquals(List.of(started, b, anonymous), store().running(s.id()));
    assertEquals(store().trial(s.id(), b.number()), store().recent(s.id(), b.number()));
  }

  @Test
  default void trialsComeInNumberOrder() throws Exception {
    Study s = newStudy("alice");
    store().createStudy(s);
    for (int i = 0; i < 12; i++) {
      store()
          .insert(
              s.id(), Trial.running(store().nextNumber(s.id(), 0), Map.of("x", i / 12.0), "w", T0));
    }
    List<Integer> numbers = store().trials(s.id()).stream().map(Trial::number).toList();
    assertEquals(java.util.stream.IntStream.range(0, 12).boxed().toList(), numbers);
  }

  @Test
  default void leaseRenewalsAreKeptAndEveryStudyIsSwept() throws Exception {
    Study s = newStudy("alice");
    store().createStudy(s);
    store().renewLease(s.id(), 0, T0.plusSeconds(10), Duration.ofSeconds(10));
    store().renewLease(s.id(), 0, T0.plusSeconds(30), Duration.ofSeconds(10));
    assertEquals(Optional.of(T0.plusSeconds(30)), store().renewedLease(s.id(), 0));
    assertEquals(Optional.empty(), store().renewedLease(s.id(), 1));
    // A lone member (or the in-memory store) sweeps every study.
    assertTrue(store().studiesToSweep().contains(s.id()));
  }

  @Test
  default void aTrialAsStoredCanBeConfirmed() throws Exception {
    Study s = newStudy("alice");
    store().createStudy(s);
    Trial t = Trial.running(store().nextNumber(s.id(), 0), Map.of("x", 0.5), "w", T0);
    store().insert(s.id(), t);
    Trial done = t.complete(List.of(0.25), T0);
    assertTrue(store().replace(s.id(), t, done));
    store().confirm(s.id(), done);
    assertEquals(Optional.of(done), store().trial(s.id(), t.number()));
    reopen().ifPresent(again -> assertEquals(Optional.of(done), again.trial(s.id(), t.number())));
  }

  @Test
  default void tokensAreFoundByHash() {
    String hash = UUID.randomUUID().toString();
    var token = new TokenRecord(hash, "carol", false, T0.plusSeconds(3600));
    store().putToken(token);
    assertEquals(Optional.of(token), store().token(hash));
    assertEquals(Optional.empty(), store().token("nope"));
    String agentHash = UUID.randomUUID().toString();
    var agent =
        new TokenRecord(
            agentHash, "agent/node7", false, null, "node7", java.util.Set.of("alice", "bob"));
    store().putToken(agent);
    assertEquals(Optional.of(agent), store().token(agentHash));
  }

  @Test
  default void everyToldTrialSurvivesAReopen() throws Exception {
    Study s = newStudy("alice");
    store().createStudy(s);
    List<Trial> told = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Trial t = Trial.running(store().nextNumber(s.id(), 0), Map.of("x", i / 5.0), "w", T0);
      store().insert(s.id(), t);
      Trial done = t.complete(List.of(i * 1.5), T0.plusSeconds(i));
      assertTrue(store().replace(s.id(), t, done));
      told.add(done);
    }
    String hash = UUID.randomUUID().toString();
    store().putToken(new TokenRecord(hash, "dave", true, null));
    String agentHash = UUID.randomUUID().toString();
    var agent = new TokenRecord(agentHash, "agent/n1", false, null, "n1", java.util.Set.of("*"));
    store().putToken(agent);
    Optional<StudyStore> again = reopen();
    if (again.isEmpty()) {
      return;
    }
    StudyStore store = again.get();
    assertEquals(s, store.study(s.id()).orElseThrow());
    assertTrue(store.studies().contains(s));
    assertEquals(told, store.trials(s.id()));
    assertEquals(TrialState.COMPLETE, store.trial(s.id(), 4).orElseThrow().state());
    assertEquals(5, store.nextNumber(s.id(), 0), "numbering goes on after the highest stored");
    assertTrue(store.token(hash).orElseThrow().admin());
    assertEquals(Optional.of(agent), store.token(agentHash), "agent tokens survive a reopen");
  }
}
