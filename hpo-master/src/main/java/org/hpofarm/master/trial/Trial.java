package org.hpofarm.master.trial;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One evaluation of a study's objective at a point of its search space. Immutable: every transition
 * returns a new version, and a finished trial refuses to change.
 *
 * @param number the trial's number in its study, from 0
 * @param params parameter values (Double for float, Long for int, the choice for categorical)
 * @param values the objective values once COMPLETE (one per direction), else empty
 * @param intermediate reported values by step
 * @param attempt 0 for a first try, n for the n-th re-queue of a lost trial's params (a preempted
 *     trial's copy keeps its attempt: preemption is not a failure)
 * @param resumes the trial whose checkpoint this one continues (a lost or preempted trial's
 *     re-queued copy), or null for a first try
 */
public record Trial(
    int number,
    TrialState state,
    Map<String, Object> params,
    List<Double> values,
    SortedMap<Integer, Double> intermediate,
    String worker,
    Instant created,
    Instant started,
    Instant finished,
    String error,
    int attempt,
    Integer resumes) {

  public Trial {
    params = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    values = List.copyOf(values);
    intermediate = Collections.unmodifiableSortedMap(new TreeMap<>(intermediate));
  }

  /** A new RUNNING trial, as a sampler's proposal handed to {@code worker}. */
  public static Trial running(int number, Map<String, Object> params, String worker, Instant now) {
    return new Trial(
        number,
        TrialState.RUNNING,
        params,
        List.of(),
        new TreeMap<>(),
        worker,
        now,
        now,
        null,
        null,
        0,
        null);
  }

  /** A new WAITING trial: a known point enqueued. */
  public static Trial waiting(int number, Map<String, Object> params, int attempt, Instant now) {
    return waiting(number, params, attempt, null, now);
  }

  private static Trial waiting(
      int number, Map<String, Object> params, int attempt, Integer resumes, Instant now) {
    return new Trial(
        number,
        TrialState.WAITING,
        params,
        List.of(),
        new TreeMap<>(),
        null,
        now,
        null,
        null,
        null,
        attempt,
        resumes);
  }

  /** This WAITING trial handed to {@code worker}. */
  public Trial start(String worker, Instant now) {
    requireState(TrialState.WAITING);
    return new Trial(
        number,
        TrialState.RUNNING,
        params,
        values,
        intermediate,
        worker,
        created,
        now,
        null,
        null,
        attempt,
        resumes);
  }

  /** This RUNNING trial with {@code value} reported at {@code step} (a repeat is harmless). */
  public Trial report(int step, double value) {
    requireState(TrialState.RUNNING);
    var next = new TreeMap<>(intermediate);
    next.put(step, value);
    return new Trial(
        number, state, params, values, next, worker, created, started, finished, error, attempt,
        resumes);
  }

  /** This trial COMPLETE with {@code values}. */
  public Trial complete(List<Double> values, Instant now) {
    requireUnfinished();
    return new Trial(
        number,
        TrialState.COMPLETE,
        params,
        values,
        intermediate,
        worker,
        created,
        started,
        now,
        null,
        attempt,
        resumes);
  }

  /** This trial PRUNED; its value is the last intermediate value, if any. */
  public Trial prune(Instant now) {
    requireUnfinished();
    List<Double> last = intermediate.isEmpty() ? List.of() : List.of(lastIntermediate());
    return new Trial(
        number,
        TrialState.PRUNED,
        params,
        last,
        intermediate,
        worker,
        created,
        started,
        now,
        null,
        attempt,
        resumes);
  }

  /** This trial FAILED with {@code error}. */
  public Trial fail(String error, Instant now) {
    requireUnfinished();
    return new Trial(
        number,
        TrialState.FAILED,
        params,
        values,
        intermediate,
        worker,
        created,
        started,
        now,
        error,
        attempt,
        resumes);
  }

  /**
   * A WAITING copy of this trial's params, numbered {@code number}, that continues its checkpoint:
   * the re-queue of a lost trial ({@code attempt} + 1) or of a preempted one (the same attempt).
   */
  public Trial requeue(int number, int attempt, Instant now) {
    return waiting(number, params, attempt, checkpointOf(), now);
  }

  /** The trial whose checkpoint this one writes and resumes: the first of its re-queues. */
  public int checkpointOf() {
    return resumes != null ? resumes : number;
  }

  /** The value of the single objective, or NaN when there is none. */
  public double value() {
    return values.isEmpty() ? Double.NaN : values.get(0);
  }

  /** The value reported at the highest step. */
  public double lastIntermediate() {
    return intermediate.isEmpty() ? Double.NaN : intermediate.get(intermediate.lastKey());
  }

  /** The step reported last, or -1. */
  public int lastStep() {
    return intermediate.isEmpty() ? -1 : intermediate.lastKey();
  }

  /** WAITING or RUNNING: a point that will be evaluated but has no result yet. */
  public boolean isPending() {
    return state == TrialState.WAITING || state == TrialState.RUNNING;
  }

  private void requireUnfinished() {
    if (state.isFinished()) {
      throw new TrialAlreadyFinished(number, state);
    }
  }

  private void requireState(TrialState expected) {
    if (state != expected) {
      if (state.isFinished()) {
        throw new TrialAlreadyFinished(number, state);
      }
      throw new IllegalStateException("trial " + number + " is " + state + ", not " + expected);
    }
  }
}
