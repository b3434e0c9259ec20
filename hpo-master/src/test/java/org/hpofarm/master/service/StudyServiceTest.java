package org.hpofarm.master.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpofarm.master.store.MemoryStudyStore;
import org.hpofarm.master.study.Page;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudyNotFound;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.study.TrialNotFound;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialAlreadyFinished;
import org.hpofarm.master.trial.TrialState;
import org.hpofarm.testing.ManualClock;
import org.hpofarm.worker.runner.Outcome;
import org.junit.jupiter.api.Test;

class StudyServiceTest {
  private final ManualClock clock = new ManualClock();
  private final AtomicInteger ids = new AtomicInteger();
  private final StudyService service =
      new StudyService(new MemoryStudyStore(), clock, () -> "s" + ids.incrementAndGet());

  private Study study(String extra) throws Exception {
    String json =
        "{\"name\": \"t\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1},"
            + " \"n\": {\"type\": \"int\", \"low\": 1, \"high\": 9}}, \"heartbeatSeconds\": 10"
            + extra
            + "}";
    return service.create("alice", StudySpec.fromJson(new ObjectMapper().readTree(json)));
  }

  @Test
  void askHandsOutDistinctRunningTrialsUntilTheBudgetIsSpent() throws Exception {
    Study s = study(", \"maxTrials\": 5");
    List<Trial> first = service.ask(s.id(), 3, null);
    List<Trial> second = service.ask(s.id(), 3, null);
    assertEquals(3, first.size());
    assertEquals(2, second.size());
    assertEquals(List.of(), service.ask(s.id(), 1, null));
    var numbers = new HashSet<Integer>();
    first.forEach(t -> numbers.add(t.number()));
    second.forEach(t -> numbers.add(t.number()));
    assertEquals(5, numbers.size());
    assertTrue(first.stream().allMatch(t -> t.state() == TrialState.RUNNING));
  }

  @Test
  void waitingTrialsComeFirstAndAWorkerGetsItsOwnTrialBack() throws Exception {
    Study s = study("");
    Trial enqueued = service.enqueue(s.id(), Map.of("x", 0.25, "n", 3));
    assertEquals(TrialState.WAITING, enqueued.state());
    Trial t = service.ask(s.id(), 1, "w1").get(0);
    assertEquals(enqueued.number(), t.number());
    assertEquals(0.25, t.params().get("x"));
    assertEquals(t.number(), service.ask(s.id(), 1, "w1").get(0).number());
    assertTrue(service.ask(s.id(), 1, "w2").get(0).number() != t.number());
  }

  @Test
  void tellIsIdempotentAndAFinishedTrialNeverChanges() throws Exception {
    Study s = study("");
    Trial t = service.ask(s.id(), 1, null).get(0);
    Trial done = service.tell(s.id(), t.number(), new Outcome.Values(List.of(0.5)));
    assertEquals(TrialState.COMPLETE, done.state());
    assertEquals(done, service.tell(s.id(), t.number(), new Outcome.Values(List.of(0.5))));
    assertThrows(
        TrialAlreadyFinished.class,
        () -> service.tell(s.id(), t.number(), new Outcome.Values(List.of(0.7))));
    assertThrows(
        TrialAlreadyFinished.class,
        () -> service.tell(s.id(), t.number(), new Outcome.Failed("boom")));
    assertThrows(
        IllegalArgumentException.class,
        () -> service.tell(s.id(), t.number(), new Outcome.Values(List.of(1.0, 2.0))));
    assertThrows(TrialNotFound.class, () -> service.tell(s.id(), 99, new Outcome.Pruned()));
    assertThrows(StudyNotFound.class, () -> service.tell("nope", 0, new Outcome.Pruned()));
    assertEquals(List.of(done), service.best(s.id()));
  }

  @Test
  void reportRecordsStepsAndRepeatsAreHarmless() throws Exception {
    Study s = study("");
    Trial t = service.ask(s.id(), 1, null).get(0);
    assertFalse(service.report(s.id(), t.number(), 1, 0.4).prune());
    assertFalse(service.report(s.id(), t.number(), 1, 0.4).prune());
    assertEquals(Map.of(1, 0.4), service.trial(s.id(), t.number()).intermediate());
    service.tell(s.id(), t.number(), new Outcome.Pruned());
    assertTrue(service.report(s.id(), t.number(), 1, 0.4).prune());
  }

  @Test
  void anExpiredLeaseLosesTheTrialAndRequeuesItsParamsWhileRetriesRemain() throws Exception {
    Study s = study(", \"maxRetries\": 1");
    Trial t = service.ask(s.id(), 1, "w").get(0);
    clock.advance(Duration.ofSeconds(25));
    service.heartbeat(s.id(), t.number());
    clock.advance(Duration.ofSeconds(25));
    assertEquals(0, service.leases().expire());
    clock.advance(Duration.ofSeconds(6));
    assertEquals(1, service.leases().expire());
    Trial lost = service.trial(s.id(), t.number());
    assertEquals(TrialState.FAILED, lost.state());
    assertEquals("lost", lost.error());
    Trial retry = service.ask(s.id(), 1, "w").get(0);
    assertEquals(t.params(), retry.params());
    assertEquals(1, retry.attempt());
    assertEquals(
        t.number(), retry.checkpointOf(), "the retry continues the first try's checkpoint");
    clock.advance(Duration.ofSeconds(31));
    assertEquals(1, service.leases().expire());
    assertEquals(0, service.trials(s.id(), TrialState.WAITING, 0, 10).total(), "no retries left");
  }

  @Test
  void aPreemptedTrialIsRequeuedWithoutSpendingARetry() throws Exception {
    Study s = study(", \"maxRetries\": 0");
    Trial t = service.ask(s.id(), 1, "w").get(0);
    service.report(s.id(), t.number(), 1, 0.5);
    Trial stopped = service.tell(s.id(), t.number(), new Outcome.Preempted());
    assertEquals(TrialState.FAILED, stopped.state());
    assertEquals(StudyService.PREEMPTED, stopped.error());
    assertEquals(stopped, service.tell(s.id(), t.number(), new Outcome.Preempted()), "a repeat");
    assertEquals(1, service.trials(s.id(), TrialState.WAITING, 0, 10).total(), "one copy only");
    Trial again = service.ask(s.id(), 1, "w2").get(0);
    assertEquals(t.params(), again.params());
    assertEquals(0, again.attempt());
    assertEquals(t.number(), again.resumes());
    service.tell(s.id(), again.number(), new Outcome.Preempted());
    Trial third = service.ask(s.id(), 1, "w3").get(0);
    assertEquals(t.number(), third.checkpointOf(), "still the first try's checkpoint");
  }

  @Test
  void aTrialToldLostIsRequeuedWhileRetriesRemain() throws Exception {
    Study s = study(", \"maxRetries\": 1");
    Trial t = service.ask(s.id(), 1, "w").get(0);
    var lost = new Outcome.Lost("worker group: rank 1: exit status 3");
    Trial told = service.tell(s.id(), t.number(), lost);
    assertEquals(TrialState.FAILED, told.state());
    assertEquals("lost: worker group: rank 1: exit status 3", told.error());
    assertEquals(told, service.tell(s.id(), t.number(), lost), "a repeat");
    Trial retry = service.ask(s.id(), 1, "w2").get(0);
    assertEquals(t.params(), retry.params());
    assertEquals(1, retry.attempt(), "a loss spends a retry");
    assertEquals(t.number(), retry.checkpointOf(), "and continues the first try's checkpoint");
    service.tell(s.id(), retry.number(), lost);
    assertEquals(0, service.trials(s.id(), TrialState.WAITING, 0, 10).total(), "no retries left");
  }

  @Test
  void aTrialAskedWithoutAWorkerIsLostWhenItsFirstLeaseRunsOut() throws Exception {
    Study s = study("");
    Trial t = service.ask(s.id(), 1, null).get(0);
    clock.advance(Duration.ofSeconds(29));
    assertEquals(0, service.leases().expire());
    service.tell(
        s.id(), service.ask(s.id(), 1, null).get(0).number(), new Outcome.Values(List.of(1.0)));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, service.leases().expire(), "the first trial only: the second is finished");
    assertEquals("lost", service.trial(s.id(), t.number()).error());
  }

  @Test
  void paretoFrontOfTwoObjectives() throws Exception {
    Study s = study(", \"directions\": [\"minimize\", \"maximize\"]");
    double[][] vs = {{1, 1}, {2, 3}, {3, 2}, {0.5, 0.5}};
    for (double[] v : vs) {
      Trial t = service.ask(s.id(), 1, null).get(0);
      service.tell(s.id(), t.number(), new Outcome.Values(List.of(v[0], v[1])));
    }
    List<Integer> front = service.best(s.id()).stream().map(Trial::number).toList();
    assertEquals(List.of(0, 1, 3), front);
  }

  @Test
  void ownershipAndPaging() throws Exception {
    Study s = study("");
    assertThrows(StudyNotFound.class, () -> service.study(s.id(), "bob", false));
    assertEquals(s, service.study(s.id(), "bob", true));
    assertEquals(0, service.studies("bob", false, 0, 10).total());
    assertEquals(1, service.studies("alice", false, 0, 10).total());
    service.ask(s.id(), 5, null);
    Page<Trial> page = service.trials(s.id(), null, 2, 2);
    assertEquals(5, page.total());
    assertEquals(2, page.items().get(0).number());
    assertThrows(IllegalArgumentException.class, () -> service.trials(s.id(), null, -1, 2));
  }
}
