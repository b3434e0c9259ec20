package org.hpofarm.master.farm;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hpofarm.master.study.Outcome;
import org.hpofarm.master.study.StudyService;
import org.hpofarm.mig.slice.Inventory;
import org.hpofarm.mig.slice.Slice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent inside the master, on a simulated inventory ({@code farm master --simulate-farm SPEC}):
 * it asks the {@link FarmService} for work exactly as a node agent's HTTP call would, runs the
 * trials placed on its slices on this machine's CPU, a few at a time, with the {@link
 * TrialRunners}, reports their intermediate values to the {@link StudyService} (so pruning works),
 * heartbeats them while they run and tells their outcome.
 *
 * <p>At most {@code parallelism} trials run at once: the agent offers all its free slices but asks
 * for no more trials than it has room for, so the allocator still picks the best-fitting slices of
 * the whole simulated inventory. A worker group's trial runs one process (rank 0) holding all its
 * slices.
 */
public final class SimulatedAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedAgent.class);

  private final String id;
  private final Inventory inventory;
  private final FarmService farm;
  private final StudyService studies;
  private final TrialRunners runners;
  private final InstantSource clock;
  private final int parallelism;
  private final ScheduledExecutorService rounds;
  private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private long roundsStarted;
  private long lastQuietRound = -1;
  private volatile boolean closed;

  private record Running(Assignment assignment, Instant lastBeat) {}

  private SimulatedAgent(
      String id,
      Inventory inventory,
      FarmService farm,
      StudyService studies,
      TrialRunners runners,
      InstantSource clock,
      int parallelism) {
    this.id = id;
    this.inventory = inventory;
    this.farm = farm;
    this.studies = studies;
    this.runners = runners;
    this.clock = clock;
    this.parallelism = parallelism;
    this.rounds =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("simulated-agent-" + id).unstarted(r));
  }

  /** Starts an agent that asks for work every {@code poll} and whenever a trial ends. */
  public static SimulatedAgent start(
      String id,
      Inventory inventory,
      FarmService farm,
      StudyService studies,
      TrialRunners runners,
      InstantSource clock,
      int parallelism,
      Duration poll) {
    SimulatedAgent agent =
        new SimulatedAgent(id, inventory, farm, studies, runners, clock, parallelism);
    agent.rounds.scheduleWithFixedDelay(agent::round, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    return agent;
  }

  /**
   * The agent the farm settings ask for ({@code simulated}, on the described inventory, with the
   * runners on the class path), or null when they ask for none.
   */
  public static SimulatedAgent startIfAsked(
      FarmService farm, StudyService studies, InstantSource clock) {
    FarmSettings s = farm.settings();
    if (s.simulate() == null) {
      return null;
    }
    Inventory inventory = org.hpofarm.mig.slice.FarmDescription.parse(s.simulate());
    TrialRunners runners = TrialRunners.discover();
    LOG.info(
        "simulated agent on {} ({} slices, {} at a time, runners for {})",
        s.simulate(),
        inventory.size(),
        s.parallelism(),
        runners.kinds());
    return start("simulated", inventory, farm, studies, runners, clock, s.parallelism(), s.poll());
  }

  public String id() {
    return id;
  }

  /**
   * Waits until a round of asking for work that started after this call ended with no trial running
   * and nothing new placed; returns whether that happened within {@code timeout}.
   */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long after = roundsStarted;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lastQuietRound <= after) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** One round: heartbeats for the running trials, then a lease call with the free slices. */
  private synchronized void round() {
    if (closed) {
      return;
    }
    long round = ++roundsStarted;
    try {
      heartbeats();
      // idle only if nothing ran when the round began: a trial ending during the lease call
      // had its busy slices withheld from it
      boolean idleBefore = running.isEmpty() && busy.isEmpty();
      int room = Math.max(0, parallelism - running.size());
      Set<String> free = new LinkedHashSet<>();
      for (Slice s : inventory.slices()) {
        if (!busy.contains(s.id())) {
          free.add(s.id());
        }
      }
      List<Assignment> given =
          farm.lease(new LeaseRequest(id, inventory.slices(), free, room), "simulated", true, true);
      Map<String, Assignment> trials = new LinkedHashMap<>();
      for (Assignment a : given) {
        busy.add(a.slice().id());
        if (a.rank() == 0) {
          trials.put(a.trialName(), a);
        }
      }
      for (Assignment a : trials.values()) {
        running.put(a.trialName(), new Running(a, clock.instant()));
        try {
          runs.execute(() -> run(a));
        } catch (RejectedExecutionException e) {
          running.remove(a.trialName());
        }
      }
      if (given.isEmpty() && idleBefore) {
        lastQuietRound = round;
      }
    } catch (RuntimeException e) {
      LOG.warn("simulated agent {}: round failed: {}", id, e.toString());
    } finally {
      notifyAll();
    }
  }

  private void heartbeats() {
    Instant now = clock.instant();
    for (Running r : new ArrayList<>(running.values())) {
      Assignment a = r.assignment();
      if (!now.isBefore(r.lastBeat().plusSeconds(Math.max(1, a.heartbeatSeconds() / 2)))) {
        try {
          studies.heartbeat(a.study(), a.trial());
          running.computeIfPresent(a.trialName(), (k, v) -> new Running(a, now));
        } catch (RuntimeException e) {
          LOG.debug("heartbeat of {}: {}", a.trialName(), e.toString());
        }
      }
    }
  }

  private void run(Assignment a) {
    try {
      Outcome outcome;
      try {
        outcome = runners.run(a, (step, value) -> report(a, step, value));
      } catch (RuntimeException e) {
        outcome = new Outcome.Failed("runner: " + e);
      }
      try {
        studies.tell(a.study(), a.trial(), outcome);
      } catch (RuntimeException e) {
        LOG.info("telling {} {}: {}", a.trialName(), outcome, e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      a.group().forEach(busy::remove); // before running: a round never sees an idle agent
      running.remove(a.trialName()); // whose slices are still busy

      if (!closed) {
        try {
          rounds.execute(this::round);
        } catch (RejectedExecutionException e) {
          // closing
        }
      }
    }
  }

  private boolean report(Assignment a, int step, double value) {
    try {
      return studies.report(a.study(), a.trial(), step, value).prune();
    } catch (RuntimeException e) {
      LOG.info("report of {} refused, stopping it: {}", a.trialName(), e.getMessage());
      return true;
    }
  }

  @Override
  public void close() {
    closed = true;
    rounds.shutdownNow();
    runs.shutdownNow();
    try {
      rounds.awaitTermination(10, TimeUnit.SECONDS);
      runs.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
