package org.hpofarm.master.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hpofarm.master.core.History;
import org.hpofarm.master.core.ParetoFront;
import org.hpofarm.master.pruner.PruneDecision;
import org.hpofarm.master.pruner.Pruner;
import org.hpofarm.master.pruner.Pruners;
import org.hpofarm.master.sampler.Sampler;
import org.hpofarm.master.sampler.Samplers;
import org.hpofarm.master.sampler.TrialSeed;
import org.hpofarm.master.store.StudyStore;
import org.hpofarm.master.study.Page;
import org.hpofarm.master.study.Study;
import org.hpofarm.master.study.StudyNotFound;
import org.hpofarm.master.study.StudySpec;
import org.hpofarm.master.study.TrialNotFound;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialAlreadyFinished;
import org.hpofarm.master.trial.TrialState;
import org.hpofarm.worker.runner.Outcome;

/**
 * The study service: creates studies and moves their trials through ask, report, heartbeat and
 * tell, over a {@link StudyStore} and an injected clock. No HTTP here; the API is a thin layer on
 * top.
 *
 * <p>Every trial transition is a compare-and-set on the store (read, compute the next version with
 * the pure {@link Trial} transitions, replace if unchanged, else retry), so several members of a
 * cluster may serve the same study without locks. Report and tell are idempotent: a repeat that
 * agrees with what is stored changes nothing and gets the same answer; one that disagrees with a
 * finished trial is refused with {@link TrialAlreadyFinished}.
 */
public final class StudyService {

  /** The most trials one ask hands out. */
  public static final int MAX_ASK = 1000;

  /** The error of a trial its agent stopped (its params are back in the queue). */
  public static final String PREEMPTED = "preempted";

  /** The most items one page of studies or trials holds. */
  public static final int MAX_PAGE = 1000;

  /** The error of a trial its agent told lost, before the agent's reason. */
  public static final String LOST = "lost";

  private final StudyStore store;
  private final InstantSource clock;
  private final Supplier<String> ids;
  private final Leases leases;
  private final Map<String, Sampler> samplers = new ConcurrentHashMap<>();
  private final Map<String, Pruner> pruners = new ConcurrentHashMap<>();

  public StudyService(StudyStore store, InstantSource clock, Supplier<String> ids) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
    this.leases = new Leases(store, clock);
  }

  /** The leases of this service's running trials: renewals, expiry, restore after a restart. */
  public Leases leases() {
    return leases;
  }

  /** Every study, oldest first: for the farm's placement, which sees all owners' studies. */
  public List<Study> all() {
    return store.studies();
  }

  /** Creates a study owned by {@code owner}. */
  public Study create(String owner, StudySpec spec) {
    Study study = new Study(ids.get(), owner, spec, clock.instant());
    if (!store.createStudy(study)) {
      throw new IllegalStateException("study id " + study.id() + " already taken");
    }
    return study;
  }

  /** The study with id {@code id}, creating it with {@code spec} when there is none. */
  public Study createIfAbsent(String id, String owner, StudySpec spec) {
    Optional<Study> found = store.study(id);
    if (found.isPresent()) {
      return found.get();
    }
    Study study = new Study(id, owner, spec, clock.instant());
    store.createStudy(study);
    return store.study(id).orElse(study);
  }

  public Study study(String id) {
    return store.study(id).orElseThrow(() -> new StudyNotFound(id));
  }

  /** The study, if there is one. */
  public Optional<Study> find(String id) {
    return store.study(id);
  }

  /**
   * The study, if {@code user} may act on it (its owner, or an admin); another user's study is not
   * found, exactly like a missing one, so that ids cannot be probed.
   */
  public Study study(String id, String user, boolean admin) {
    return store
        .study(id)
        .filter(s -> admin || s.owner().equals(user))
        .orElseThrow(() -> new StudyNotFound(id));
  }

  /** The studies {@code user} may see (all for an admin), oldest first, one page. */
  public Page<Study> studies(String user, boolean admin, int offset, int limit) {
    List<Study> visible =
        store.studies().stream().filter(s -> admin || s.owner().equals(user)).toList();
    return Page.of(visible, offset, limit, MAX_PAGE);
  }

  public void delete(String id) {
    if (!store.deleteStudy(id)) {
      throw new StudyNotFound(id);
    }
    samplers.remove(id);
    pruners.remove(id);
  }

  /**
   * Hands out up to {@code count} RUNNING trials: first the RUNNING trials {@code worker} already
   * holds, then WAITING trials, then new samples while the budget allows. Empty when the budget is
   * spent and nothing waits.
   */
  public List<Trial> ask(String studyId, int count, String worker) {
    if (count < 1 || count > MAX_ASK) {
      throw new IllegalArgumentException("count: must be in [1, " + MAX_ASK + "], got " + count);
    }
    Study study = study(studyId);
    StudySpec spec = study.spec();
    Instant now = clock.instant();
    Duration lease = Leases.of(spec);
    List<Trial> out = new ArrayList<>();
    if (worker != null) {
      for (Trial t : store.running(studyId, worker)) {
        if (out.size() < count) {
          out.add(t);
          store.renewLease(studyId, t.number(), now.plus(lease), lease);
        }
      }
    }
    for (Trial waiting : store.waiting(studyId)) {
      if (out.size() == count) {
        break;
      }
      Trial started = waiting.start(worker, now);
      if (store.replace(studyId, waiting, started)) { // else another ask took it
        out.add(started);
      }
    }
    History history = null;
    while (out.size() < count) {
      int number = store.nextNumber(studyId, spec.maxTrials());
      if (number < 0) {
        break;
      }
      Sampler sampler = sampler(study);
      if (history == null) {
        history =
            sampler.readsHistory()
                ? new History(spec.directions(), store.trials(studyId))
                : new History(spec.directions(), List.of());
      }
      Map<String, Object> params =
          sampler.sample(spec.space(), history, new TrialSeed(spec.sampler().seed(), number));
      Trial trial = Trial.running(number, params, worker, now);
      store.insert(studyId, trial);
      out.add(trial);
      if (out.size() < count) {
        history = history.with(trial);
      }
    }
    return out;
  }

  /**
   * Whether an ask may hand out a trial now: one WAITING, or budget left for a new sample (a number
   * below {@code maxTrials} that no stored trial carries; re-queued copies take numbers too).
   */
  public boolean hasWork(String studyId) {
    Study study = study(studyId);
    int max = study.spec().maxTrials();
    if (!store.waiting(studyId).isEmpty() || max == 0) {
      return true;
    }
    return store.trials(studyId).stream().filter(t -> t.number() < max).count() < max;
  }

  /**
   * Records an intermediate value, renews the lease and returns the pruner's decision. A repeat of
   * the same step and value changes nothing.
   */
  public PruneDecision report(String studyId, int number, int step, double value) {
    if (step < 0) {
      throw new IllegalArgumentException("step: must be >= 0, got " + step);
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: must be a finite number, got " + value);
    }
    Study study = study(studyId);
    Trial t = recent(studyId, number);
    while (true) {
      if (t.state() == TrialState.PRUNED) {
        return PruneDecision.prune("trial already pruned");
      }
      boolean repeat = Objects.equals(t.intermediate().get(step), value);
      if (t.state().isFinished()) {
        if (repeat) {
          return PruneDecision.keep("trial already " + t.state());
        }
        throw new TrialAlreadyFinished(number, t.state());
      }
      if (t.state() != TrialState.RUNNING) {
        Trial stored = trial(studyId, number);
        if (!stored.equals(t)) { // this member's view was behind
          t = stored;
          continue;
        }
        throw new IllegalStateException("trial " + number + " is " + t.state() + ", not RUNNING");
      }
      Trial next = repeat ? t : t.report(step, value);
      if (repeat || store.replace(studyId, t, next)) {
        renewLease(study, number);
        History history = new History(study.spec().directions(), store.trials(studyId));
        return pruner(study).decide(next, history.with(next));
      }
      t = trial(studyId, number);
    }
  }

  /** Renews the lease of a RUNNING trial. */
  public void heartbeat(String studyId, int number) {
    Study study = study(studyId);
    Trial t = trial(studyId, number);
    if (t.state() != TrialState.RUNNING) {
      throw new IllegalStateException("trial " + number + " is " + t.state() + ", not RUNNING");
    }
    renewLease(study, number);
  }

  private void renewLease(Study study, int number) {
    leases.renew(study, number);
  }

  /** Finishes a trial. A repeat with the same outcome returns the trial unchanged. */
  public Trial tell(String studyId, int number, Outcome outcome) {
    Study study = study(studyId);
    if (outcome instanceof Outcome.Values v) {
      int expected = study.spec().directions().size();
      if (v.values().size() != expected) {
        throw new IllegalArgumentException(
            "values: expected " + expected + " value(s), got " + v.values().size());
      }
      for (double d : v.values()) {
        if (Double.isNaN(d)) {
          throw new IllegalArgumentException("value: must be a number, got NaN");
        }
      }
    }
    Trial t = recent(studyId, number);
    while (true) {
      if (t.state().isFinished()) {
        if (sameOutcome(t, outcome)) {
          store.confirm(studyId, t); // the first tell's writer may have failed before the database
          return t;
        }
        throw new TrialAlreadyFinished(number, t.state());
      }
      Instant now = clock.instant();
      Trial next =
          switch (outcome) {
            case Outcome.Values v -> t.complete(v.values(), now);
            case Outcome.Failed f -> t.fail(f.error() == null ? "failed" : f.error(), now);
            case Outcome.Pruned p -> t.prune(now);
            case Outcome.Preempted p -> t.fail(PREEMPTED, now);
            case Outcome.Lost l -> t.fail(LOST + ": " + l.error(), now);
            case Outcome.Ended e ->
                throw new IllegalArgumentException("state: a group's other ranks are not told");
          };
      if (store.replace(studyId, t, next)) {
        if (outcome instanceof Outcome.Preempted) {
          store.insert(studyId, t.requeue(store.nextNumber(studyId, 0), t.attempt(), now));
        } else if (outcome instanceof Outcome.Lost && t.attempt() < study.spec().maxRetries()) {
          store.insert(studyId, t.requeue(store.nextNumber(studyId, 0), t.attempt() + 1, now));
        }
        return next;
      }
      t = trial(studyId, number);
    }
  }

  /** Enqueues a known point as a WAITING trial (warm start); it counts against the budget. */
  public Trial enqueue(String studyId, Map<String, ?> params) {
    Study study = study(studyId);
    Map<String, Object> point = study.spec().space().validatePoint(params);
    int number = store.nextNumber(studyId, 0);
    Trial trial = Trial.waiting(number, point, 0, clock.instant());
    store.insert(studyId, trial);
    return trial;
  }

  public Trial trial(String studyId, int number) {
    return store.trial(studyId, number).orElseThrow(() -> new TrialNotFound(studyId, number));
  }

  /** The trial as this member last saw it: where a compare and set starts. */
  private Trial recent(String studyId, int number) {
    return store.recent(studyId, number).orElseThrow(() -> new TrialNotFound(studyId, number));
  }

  /** One page of the study's trials, optionally only those in {@code state}, by number. */
  public Page<Trial> trials(String studyId, TrialState state, int offset, int limit) {
    study(studyId);
    List<Trial> all =
        store.trials(studyId).stream().filter(t -> state == null || t.state() == state).toList();
    return Page.of(all, offset, limit, MAX_PAGE);
  }

  /** Trials per state. */
  public Map<TrialState, Integer> counts(String studyId) {
    Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
    for (TrialState s : TrialState.values()) {
      counts.put(s, 0);
    }
    store.trials(studyId).forEach(t -> counts.merge(t.state(), 1, Integer::sum));
    return counts;
  }

  /**
   * The best COMPLETE trial (single objective) or the Pareto front (several objectives): the
   * COMPLETE trials with finite values that no other such trial dominates, by number ({@link
   * ParetoFront#of}).
   */
  public List<Trial> best(String studyId) {
    Study study = study(studyId);
    History history = new History(study.spec().directions(), store.trials(studyId));
    if (!history.isMultiObjective()) {
      return history.best().map(List::of).orElse(List.of());
    }
    return ParetoFront.of(history);
  }

  private Sampler sampler(Study study) {
    return samplers.computeIfAbsent(study.id(), k -> Samplers.create(study.spec().sampler()));
  }

  private Pruner pruner(Study study) {
    return pruners.computeIfAbsent(study.id(), k -> Pruners.create(study.spec().pruner()));
  }

  private static boolean sameOutcome(Trial t, Outcome outcome) {
    return switch (outcome) {
      case Outcome.Values v -> t.state() == TrialState.COMPLETE && t.values().equals(v.values());
      case Outcome.Failed f -> t.state() == TrialState.FAILED;
      case Outcome.Pruned p -> t.state() == TrialState.PRUNED;
      case Outcome.Preempted p -> t.state() == TrialState.FAILED && PREEMPTED.equals(t.error());
      case Outcome.Lost l -> t.state() == TrialState.FAILED && t.error().startsWith(LOST + ": ");
      case Outcome.Ended e -> false;
    };
  }
}
