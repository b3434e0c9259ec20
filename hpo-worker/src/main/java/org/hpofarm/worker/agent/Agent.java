package org.hpofarm.worker.agent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hpofarm.mig.slice.Slice;
import org.hpofarm.worker.runner.Assignment;
import org.hpofarm.worker.runner.Outcome;
import org.hpofarm.worker.runner.TrialRunners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node agent: offers its slices to the master, runs the trials placed on them (one process per
 * trial, through the {@link TrialRunners}), relays their reports (so the pruner decides),
 * heartbeats them and tells their outcome — all over HTTP with a {@link MasterClient}.
 *
 * <p>It asks for work every {@code poll} and whenever a trial ends, for no more trials than it has
 * room for ({@code parallelism}) while offering every free slice, so the allocator still picks the
 * best-fitting slices. When the master is away its trials keep running, it asks again with a
 * growing back-off (up to 30 s), and the results it could not tell wait in {@link PendingTells}
 * until the master is back. Closing it (SIGTERM) stops its trials' processes and hands the trials
 * back to the master as preempted: their params return to the queue without counting a failure, and
 * a djl trial's next try resumes its checkpoint. A trial the master no longer holds RUNNING (its
 * heartbeat or report refused with 404 or 409: preempted for a campaign's reservation, or given up)
 * is stopped the same way. A worker group's trial runs one process per slice of the group: the
 * ranks on this agent are started together by the runner of the lowest one here; a group spread
 * over agents meets at the rendezvous the master gives (on rank 0's agent's {@code address}), and
 * only rank 0's agent tells the trial.
 */
public final class Agent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final AgentSettings settings;
  private final MasterClient master;
  private final TrialRunners runners;
  private final PendingTells pending;
  private final ScheduledExecutorService rounds;
  private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private long roundsStarted;
  private long lastQuietRound = -1;
  private Duration backoff = Duration.ZERO;
  private Instant nextLease = Instant.MIN;
  private volatile boolean closed;

  /** A trial in progress: its assignment, its last heartbeat and the task running it. */
  private record Running(Assignment assignment, Instant lastBeat, Future<?> task) {
    Running beaten(Instant now) {
      return new Running(assignment, now, task);
    }
  }

  private Agent(AgentSettings settings, MasterClient master, TrialRunners runners)
      throws IOException {
    this.settings = settings;
    this.master = master;
    this.runners = runners;
    this.pending = new PendingTells(settings.workDir());
    this.rounds =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("agent-" + settings.id()).unstarted(r));
  }

  /** Starts an agent; it asks for work at once, then every {@code settings.poll()}. */
  public static Agent start(AgentSettings settings, MasterClient master, TrialRunners runners)
      throws IOException {
    Agent agent = new Agent(settings, master, runners);
    agent.rounds.scheduleWithFixedDelay(
        agent::round, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(
        "agent {}: {} slices, {} trials at a time, runners for {}",
        settings.id(),
        settings.inventory().size(),
        settings.parallelism(),
        runners.kinds());
    return agent;
  }

  public String id() {
    return settings.id();
  }

  /** The trials running now, by name ({@code study:trial}). */
  public Set<String> running() {
    return Set.copyOf(running.keySet());
  }

  /**
   * Waits until a round of asking for work that started after this call ended with no trial
   * running, nothing new placed and nothing left to tell; returns whether that happened within
   * {@code timeout}.
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

  /** One round: pending tells, heartbeats, then a lease call with the free slices. */
  private synchronized void round() {
    if (closed) {
      return;
    }
    long round = ++roundsStarted;
    try {
      if (Instant.now().isBefore(nextLease)) {
        return;
      }
      tellPending();
      heartbeats();
      // idle only if nothing ran when the round began: a trial ending during the lease call
      // had its busy slices withheld from it
      boolean idleBefore = running.isEmpty() && busy.isEmpty() && pending.all().isEmpty();
      int room = Math.max(0, settings.parallelism() - running.size());
      Set<String> free = new LinkedHashSet<>();
      for (Slice s : settings.inventory().slices()) {
        if (!busy.contains(s.id())) {
          free.add(s.id());
        }
      }
      List<Assignment> given =
          master.lease(
              settings.id(),
              settings.inventory().slices(),
              free,
              room,
              settings.simulated(),
              runners.kinds(),
              settings.address());
      if (!backoff.isZero()) {
        LOG.info("agent {}: the master answers again", settings.id());
        backoff = Duration.ZERO;
      }
      Map<String, Assignment> trials = new LinkedHashMap<>();
      for (Assignment a : given) {
        busy.add(a.slice().id());
        trials.putIfAbsent(a.trialName(), a); // a group's lowest rank here starts its ranks here
      }
      for (Assignment a : trials.values()) {
        running.put(a.trialName(), new Running(a, Instant.now(), null));
        try {
          Future<?> task = runs.submit(() -> run(a));
          running.computeIfPresent(a.trialName(), (k, v) -> new Running(a, v.lastBeat(), task));
        } catch (RejectedExecutionException e) {
          running.remove(a.trialName());
        }
      }
      if (given.isEmpty() && idleBefore) {
        lastQuietRound = round;
      }
    } catch (IOException | MasterClient.Refused e) {
      awayFor(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("agent {}: round failed: {}", settings.id(), e.toString());
    } finally {
      notifyAll();
    }
  }

  private void awayFor(Exception e) {
    backoff =
        backoff.isZero()
            ? settings.poll()
            : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
    nextLease = Instant.now().plus(backoff);
    LOG.warn(
        "agent {}: no work from the master ({}); trying again in {} s",
        settings.id(),
        e.getMessage() == null ? e.toString() : e.getMessage(),
        backoff.toSeconds());
  }

  private void heartbeats() throws InterruptedException {
    Instant now = Instant.now();
    for (Running r : new ArrayList<>(running.values())) {
      Assignment a = r.assignment();
      if (!now.isBefore(r.lastBeat().plusSeconds(Math.max(1, a.heartbeatSeconds() / 2)))) {
        try {
          master.heartbeat(a.study(), a.trial());
          running.computeIfPresent(a.trialName(), (k, v) -> v.beaten(now));
        } catch (MasterClient.Refused e) {
          if (e.status() == 404 || e.status() == 409) {
            // the trial is no longer RUNNING there (preempted for a reservation, given up): stop
            LOG.info("agent {}: {} stopped: {}", settings.id(), a.trialName(), e.getMessage());
            if (r.task() != null) {
              r.task().cancel(true);
            }
          } else {
            LOG.debug("heartbeat of {}: {}", a.trialName(), e.toString());
          }
        } catch (IOException e) {
          LOG.debug("heartbeat of {}: {}", a.trialName(), e.toString());
        }
      }
    }
  }

  private void tellPending() throws IOException, InterruptedException {
    for (PendingTells.Tell t : pending.all()) {
      try {
        master.tell(t.study(), t.trial(), t.outcome());
        pending.done(t);
        LOG.debug("agent {}: told {}:{} {}", settings.id(), t.study(), t.trial(), t.outcome());
      } catch (MasterClient.Refused e) {
        if (e.status() >= 500 || e.status() == 429) {
          throw e;
        }
        LOG.info(
            "agent {}: {}:{} refused: {}", settings.id(), t.study(), t.trial(), e.getMessage());
        pending.done(t); // the master will never take it (say the trial was given up)
      }
    }
  }

  private void run(Assignment a) {
    Outcome outcome;
    try {
      outcome = runners.run(a, (step, value) -> report(a, step, value));
    } catch (InterruptedException e) {
      outcome = new Outcome.Preempted();
    } catch (RuntimeException e) {
      outcome = new Outcome.Failed("runner: " + e);
    }
    if (closed && !(outcome instanceof Outcome.Values)) {
      outcome = new Outcome.Preempted(); // we stopped it: its end says nothing of the trial
    }
    if (outcome instanceof Outcome.Ended) { // a group's ranks here, rank 0 elsewhere: it tells
      a.localIds().forEach(busy::remove);
      running.remove(a.trialName());
      if (!closed) {
        try {
          rounds.execute(this::round);
        } catch (RejectedExecutionException e) {
          // closed meanwhile
        }
      }
      return;
    }
    PendingTells.Tell tell = new PendingTells.Tell(a.study(), a.trial(), outcome);
    try {
      pending.add(tell);
    } catch (IOException e) {
      LOG.warn("agent {}: cannot keep {} on disk: {}", settings.id(), a.trialName(), e.toString());
    }
    a.localIds().forEach(busy::remove); // before running: a round never sees an idle agent
    running.remove(a.trialName()); // whose slices are still busy
    if (closed) {
      tellNow(tell); // no more rounds: tell it before the agent goes
      return;
    }
    try {
      rounds.execute(this::round); // tells it, and asks for the next trial
    } catch (RejectedExecutionException e) {
      tellNow(tell); // closed meanwhile
    }
  }

  /** Tells one result at once (the agent is closing); it stays on disk if the master is away. */
  private void tellNow(PendingTells.Tell tell) {
    boolean interrupted = Thread.interrupted(); // the close's interrupt must not stop the call
    try {
      master.tell(tell.study(), tell.trial(), tell.outcome());
      pending.done(tell);
      LOG.info("agent {}: {}:{} {}", settings.id(), tell.study(), tell.trial(), tell.outcome());
    } catch (MasterClient.Refused e) {
      if (e.status() < 500 && e.status() != 429) {
        forget(tell);
      }
    } catch (IOException | InterruptedException e) {
      LOG.warn(
          "agent {}: {}:{} kept for the master: {}", settings.id(), tell.study(), tell.trial(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void forget(PendingTells.Tell tell) {
    try {
      pending.done(tell);
    } catch (IOException e) {
      LOG.warn("agent {}: {}", settings.id(), e.toString());
    }
  }

  private boolean report(Assignment a, int step, double value) {
    try {
      boolean prune = master.report(a.study(), a.trial(), step, value);
      running.computeIfPresent(a.trialName(), (k, v) -> v.beaten(Instant.now()));
      return prune;
    } catch (MasterClient.Refused e) {
      if (e.status() >= 500 || e.status() == 429) {
        return false; // the master's trouble, not the trial's: keep training
      }
      LOG.info("report of {} refused, stopping it: {}", a.trialName(), e.getMessage());
      return true;
    } catch (IOException e) {
      return false; // the master is away: keep training, tell later
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
