package org.hpofarm.master.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hpofarm.master.service.StudyService;
import org.hpofarm.master.store.MemoryStudyStore;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.trial.TrialState;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.testing.ManualClock;
import org.junit.jupiter.api.Test;

class FarmServiceTest {
  private final ManualClock clock = new ManualClock();
  private final AtomicInteger ids = new AtomicInteger();
  private final StudyService studies =
      new StudyService(new MemoryStudyStore(), clock, () -> "s" + ids.incrementAndGet());
  private final FarmService farm = new FarmService(studies, clock, FarmSettings.defaults());

  /** Two A100-40GB with 3g.20gb + 2g.10gb + 2 x 1g.5gb each, on one node. */
  private static final List<Slice> GPUS =
      FarmDescription.parse("a100-40gb:2:3g.20gb+2g.10gb+2x1g.5gb").slices();

  private Study study(String owner, String executor, int maxTrials) throws Exception {
    String json =
        "{\"name\": \"t\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}},"
            + " \"maxTrials\": "
            + maxTrials
            + (executor == null ? "" : ", \"executor\": " + executor)
            + "}";
    return studies.create(owner, StudySpec.fromJson(new ObjectMapper().readTree(json)));
  }

  private static Set<String> ids(List<Slice> slices) {
    Set<String> out = new HashSet<>();
    slices.forEach(s -> out.add(s.id()));
    return out;
  }

  @Test
  void aWorkerGroupGetsSlicesOfItsClassOnOneNodeForOneTrial() throws Exception {
    Study s =
        study(
            "alice",
            "{\"kind\": \"command\", \"command\": \"true\", \"slice\": \"1g\","
                + " \"workersPerTrial\": 2, \"sameNode\": true}",
            1);
    List<Assignment> given = farm.lease(new LeaseRequest("n1", GPUS, ids(GPUS)), "admin", true);
    assertEquals(2, given.size(), given.toString());
    assertEquals(given.get(0).trial(), given.get(1).trial());
    assertEquals(0, given.get(0).rank());
    assertEquals(1, given.get(1).rank());
    assertEquals(given.get(0).group(), given.get(1).group());
    for (Assignment a : given) {
      assertEquals("1g.5gb", a.slice().profile());
      assertEquals("n1:" + given.get(0).slice().id(), a.worker());
    }
    var trial = studies.trial(s.id(), given.get(0).trial());
    assertEquals(TrialState.RUNNING, trial.state());
    assertEquals("n1:" + given.get(0).slice().id(), trial.worker());
  }

  @Test
  void anExactProfileTakesOnlyThatProfile() throws Exception {
    study("alice", "{\"kind\": \"command\", \"command\": \"true\", \"slice\": \"3g.20gb\"}", 10);
    List<Assignment> given = farm.lease(new LeaseRequest("n1", GPUS, ids(GPUS)), "admin", true);
    assertEquals(2, given.size());
    given.forEach(a -> assertEquals("3g.20gb", a.slice().profile()));
  }

  @Test
  void anAgentGetsNoMoreTrialsThanItAsksForOnTheBestFittingSlices() throws Exception {
    study("alice", "{\"kind\": \"command\", \"command\": \"true\", \"slice\": \"2g\"}", 0);
    List<Assignment> given = farm.lease(new LeaseRequest("n1", GPUS, ids(GPUS), 1), "admin", true);
    assertEquals(1, given.size());
    assertEquals("2g.10gb", given.get(0).slice().profile());
    assertEquals(0, farm.lease(new LeaseRequest("n1", GPUS, Set.of(), 0), "admin", true).size());
  }

  @Test
  void changingAnAgentsSlicesKeepsTheTrialsOnTheRemainingOnes() throws Exception {
    study("alice", "{\"kind\": \"command\", \"command\": \"true\", \"slice\": \"3g\"}", 1);
    List<Slice> first = GPUS.subList(0, 4);
    Assignment a = farm.lease(new LeaseRequest("n1", first, ids(first)), "admin", true).get(0);
    farm.lease(new LeaseRequest("n1", GPUS, Set.of()), "admin", true);
    FarmState state = farm.state();
    assertEquals(8, state.slices().size());
    for (FarmState.SliceInfo s : state.slices()) {
      if (s.slice().id().equals(a.slice().id())) {
        assertEquals(a.trial(), s.trial());
      } else {
        assertNull(s.study(), s.toString());
      }
    }
  }

  @Test
  void aSilentAgentsSlicesAreReleasedAndMayBeTakenOver() throws Exception {
    study("alice", "{\"kind\": \"command\", \"command\": \"true\"}", 10);
    farm.lease(new LeaseRequest("n1", GPUS, ids(GPUS)), "admin", true);
    assertThrows(
        AgentRefused.class,
        () -> farm.lease(new LeaseRequest("n2", GPUS, Set.of()), "admin", true));
    clock.advance(Duration.ofMinutes(11));
    assertTrue(farm.state().slices().stream().allMatch(s -> s.study() == null));
    List<Assignment> taken = farm.lease(new LeaseRequest("n2", GPUS, ids(GPUS)), "admin", true);
    assertEquals(2, taken.size()); // the ten-trial budget: eight placed before, two left
    assertEquals(1, farm.state().agents().size());
  }

  private static final String ANY = "{\"kind\": \"command\", \"command\": \"true\"}";

  private static Set<String> slicesOf(List<Assignment> given) {
    Set<String> out = new HashSet<>();
    given.forEach(a -> out.add(a.slice().id()));
    return out;
  }

  @Test
  void aReservationPreemptsTheYoungestBorrowersAndGetsTheirSlicesOnceFreed() throws Exception {
    Study borrower = study("bob", ANY, 0);
    List<Assignment> borrowed = farm.lease(new LeaseRequest("n1", GPUS, ids(GPUS)), "admin", true);
    assertEquals(8, borrowed.size());
    Study campaign = study("alice", ANY, 0);
    clock.advance(Duration.ofSeconds(1));
    farm.reserve(campaign.id(), 0.25, clock.instant(), clock.instant().plusSeconds(3600));

    // nothing free: the campaign's first lease call preempts one borrower (one trial's worth)
    assertTrue(farm.lease(new LeaseRequest("n1", GPUS, Set.of()), "admin", true).isEmpty());
    var preempted = studies.trials(borrower.id(), TrialState.FAILED, 0, 100).items();
    assertEquals(1, preempted.size(), preempted.toString());
    assertEquals(StudyService.PREEMPTED, preempted.get(0).error());
    assertEquals(1, studies.trials(borrower.id(), TrialState.WAITING, 0, 100).total());
    // one preemption in flight at a time: a second call preempts nobody else
    farm.lease(new LeaseRequest("n1", GPUS, Set.of()), "admin", true);
    assertEquals(1, studies.trials(borrower.id(), TrialState.FAILED, 0, 100).total());

    // its agent stops it and offers the slice: the campaign takes it, then preempts the next
    String freed =
        borrowed.stream()
            .filter(a -> a.trial() == preempted.get(0).number())
            .findFirst()
            .orElseThrow()
            .slice()
            .id();
    List<Assignment> next = farm.lease(new LeaseRequest("n1", GPUS, Set.of(freed)), "admin", true);
    assertEquals(1, next.size(), next.toString());
    assertEquals(campaign.id(), next.get(0).study());
    assertEquals(freed, next.get(0).slice().id());
    assertEquals(2, studies.trials(borrower.id(), TrialState.FAILED, 0, 100).total());
  }

  @Test
  void borrowersUseTheReservedSlicesTheCampaignLeavesIdle() throws Exception {
    Study campaign = study("alice", ANY, 1);
    Study borrower = study("bob", ANY, 0);
    farm.reserve(campaign.id(), 0.5, clock.instant(), clock.instant().plusSeconds(3600));
    List<Assignment> given = farm.lease(new LeaseRequest("n1", GPUS, ids(GPUS)), "admin", true);
    assertEquals(8, given.size());
    assertEquals(1, given.stream().filter(a -> a.study().equals(campaign.id())).count());
    assertEquals(7, given.stream().filter(a -> a.study().equals(borrower.id())).count());
    assertEquals(8, slicesOf(given).size());
  }

  @Test
  void theReservedSlicesGoToTheCampaignFirstAndAreOthersAfterItsReservationEnds() throws Exception {
    Study borrower = study("bob", ANY, 0);
    Study campaign = study("alice", ANY, 0);
    farm.reserve(campaign.id(), 0.25, clock.instant(), clock.instant().plusSeconds(3600));
    List<Assignment> given =
        farm.lease(new LeaseRequest("n1", GPUS, ids(GPUS.subList(0, 2))), "admin", true);
    assertEquals(2, given.size());
    assertTrue(given.stream().allMatch(a -> a.study().equals(campaign.id())), given.toString());
    farm.endReservation(campaign.id());
    assertTrue(farm.state().reservations().isEmpty());
    Set<String> rest = ids(GPUS.subList(2, 8));
    List<Assignment> after = farm.lease(new LeaseRequest("n1", GPUS, rest), "admin", true);
    assertEquals(6, after.size());
    assertTrue(after.stream().anyMatch(a -> a.study().equals(borrower.id())), after.toString());
  }

  @Test
  void noTrialOfAStudyIsPlacedFromItsExecutorsUntilOn() throws Exception {
    String until = clock.instant().plusSeconds(60).toString();
    study(
        "alice", "{\"kind\": \"command\", \"command\": \"true\", \"until\": \"" + until + "\"}", 0);
    Set<String> one = ids(GPUS.subList(0, 1));
    assertEquals(1, farm.lease(new LeaseRequest("n1", GPUS, one), "admin", true).size());
    clock.advance(Duration.ofSeconds(60));
    Set<String> two = ids(GPUS.subList(1, 2));
    assertTrue(farm.lease(new LeaseRequest("n1", GPUS, two), "admin", true).isEmpty());
  }

  private static LeaseRequest at(String agent, List<Slice> slices, String address) {
    return new LeaseRequest(
        agent, slices, ids(slices), Integer.MAX_VALUE, false, LeaseRequest.EXECUTOR_KINDS, address);
  }

  @Test
  void aGroupThatMaySpreadTakesAnotherAgentsIdleSliceWhichThatAgentGetsAtItsNextCall()
      throws Exception {
    study(
        "alice",
        "{\"kind\": \"command\", \"command\": \"true\", \"slice\": \"cpu\","
            + " \"workersPerTrial\": 2, \"sameNode\": false}",
        1);
    List<Slice> a = Inventory.cpu("a", 1, 0).slices();
    List<Slice> b = Inventory.cpu("b", 1, 0).slices();
    assertTrue(farm.lease(at("b", b, "10.0.0.2"), "admin", true).isEmpty(), "one slot: no group");

    List<Assignment> now = farm.lease(at("a", a, "10.0.0.1"), "admin", true);
    assertEquals(1, now.size(), now.toString());
    Assignment rank0 = now.get(0);
    assertEquals(0, rank0.rank());
    assertEquals(List.of(a.get(0).id(), b.get(0).id()), rank0.group());
    assertTrue(rank0.rendezvous().startsWith("10.0.0.1:"), rank0.rendezvous());

    List<Assignment> later = farm.lease(at("b", b, "10.0.0.2"), "admin", true);
    assertEquals(1, later.size(), "b's rank, although b reported its slot free: " + later);
    assertEquals(1, later.get(0).rank());
    assertEquals(rank0.trial(), later.get(0).trial());
    assertEquals(rank0.rendezvous(), later.get(0).rendezvous());
    assertEquals(2, farm.state().slices().stream().filter(x -> x.study() != null).count());
  }

  @Test
  void aSpreadGroupIsLostWhenOneOfItsAgentsStopsCalling() throws Exception {
    Study s =
        study(
            "alice",
            "{\"kind\": \"command\", \"command\": \"true\", \"slice\": \"cpu\","
                + " \"workersPerTrial\": 2, \"sameNode\": false}",
            1);
    List<Slice> a = Inventory.cpu("a", 1, 0).slices();
    List<Slice> b = Inventory.cpu("b", 1, 0).slices();
    farm.lease(at("b", b, "10.0.0.2"), "admin", true);
    Assignment rank0 = farm.lease(at("a", a, "10.0.0.1"), "admin", true).get(0);
    farm.lease(at("b", b, "10.0.0.2"), "admin", true); // b takes its rank, then goes silent
    for (int minute = 0; minute < 11; minute++) {
      clock.advance(Duration.ofMinutes(1));
      farm.lease(
          new LeaseRequest(
              "a", a, Set.of(), Integer.MAX_VALUE, false, LeaseRequest.EXECUTOR_KINDS, "10.0.0.1"),
          "admin",
          true);
    }
    var trial = studies.trial(s.id(), rank0.trial());
    assertEquals(TrialState.FAILED, trial.state());
    assertTrue(trial.error().startsWith("lost: worker group: agent b"), trial.error());
  }

  @Test
  void aGroupThatMustShareANodeNeverSpreads() throws Exception {
    study(
        "alice",
        "{\"kind\": \"command\", \"command\": \"true\", \"slice\": \"cpu\","
            + " \"workersPerTrial\": 2}",
        1);
    List<Slice> a = Inventory.cpu("a", 1, 0).slices();
    List<Slice> b = Inventory.cpu("b", 1, 0).slices();
    assertTrue(farm.lease(at("b", b, "10.0.0.2"), "admin", true).isEmpty());
    assertTrue(farm.lease(at("a", a, "10.0.0.1"), "admin", true).isEmpty());
    assertTrue(farm.lease(at("b", b, "10.0.0.2"), "admin", true).isEmpty());
  }

  @Test
  void aBadSimulatedFarmIsRefusedBeforeAnythingStarts() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FarmSettings.defaults().simulating("a100-40gb:2:9x1g.5gb"));
    assertTrue(e.getMessage().startsWith("farm.simulate: "), e.getMessage());
  }

  @Test
  void aStudyWithABadExecutorIsSkippedNotFatal() throws Exception {
    study("alice", "{\"kind\": \"command\", \"slice\": \"tpu\"}", 10);
    Study good = study("alice", "{\"kind\": \"command\", \"command\": \"true\"}", 1);
    List<Assignment> given = farm.lease(new LeaseRequest("n1", GPUS, ids(GPUS)), "admin", true);
    assertEquals(1, given.size());
    assertEquals(good.id(), given.get(0).study());
  }

  @Property(tries = 25)
  void underRandomLeaseCallsNoSliceIsEverHeldTwiceOrGivenOutsideItsAgentsFreeSlices(
      @ForAll long seed) throws Exception {
    // jqwik keeps one instance for every try: a fresh farm for each
    ManualClock clock = new ManualClock();
    StudyService studies = new StudyService(new MemoryStudyStore(), clock, () -> "s" + seed);
    FarmService farm = new FarmService(studies, clock, FarmSettings.defaults());
    AtomicInteger n = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      String json =
          "{\"name\": \"t\", \"space\": {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}},"
              + " \"executor\": {\"kind\": \"command\", \"command\": \"true\"}}";
      studies.createIfAbsent(
          "s" + n.incrementAndGet(),
          "user" + i,
          StudySpec.fromJson(new ObjectMapper().readTree(json)));
    }
    List<Slice> migs = FarmDescription.parse("a100-40gb:2:7x1g.5gb").slices();
    Map<String, List<Slice>> agents = new LinkedHashMap<>();
    agents.put("n1", migs.subList(0, 7));
    agents.put("n2", migs.subList(7, 14));
    agents.put("n3", Inventory.cpu("n3", 3, 1024).slices());
    Map<String, String> holder = new HashMap<>(); // slice -> study:trial, kept independently
    Random random = new Random(seed);
    List<String> names = new ArrayList<>(agents.keySet());
    for (int step = 0; step < 120; step++) {
      String agent = names.get(random.nextInt(names.size()));
      Set<String> free = new HashSet<>();
      for (Slice s : agents.get(agent)) {
        // a slice is free when it holds nothing, or when its trial ended (sometimes)
        boolean ended = !holder.containsKey(s.id()) || random.nextInt(4) == 0;
        if (ended && random.nextInt(3) > 0) {
          free.add(s.id());
          holder.remove(s.id());
        }
      }
      for (Assignment a : farm.lease(new LeaseRequest(agent, agents.get(agent), free), "x", true)) {
        assertTrue(free.contains(a.slice().id()), "given a slice that was not free: " + a);
        assertNull(holder.put(a.slice().id(), a.trialName()), "slice given twice: " + a);
      }
      if (step % 40 == 0) {
        clock.advance(Duration.ofSeconds(30));
      }
      Map<String, String> shown = new HashMap<>();
      for (FarmState.SliceInfo s : farm.state().slices()) {
        if (s.study() != null) {
          shown.put(s.slice().id(), s.study() + ":" + s.trial());
        }
      }
      assertEquals(holder, shown);
    }
  }
}
