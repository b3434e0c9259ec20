package org.hpofarm.master.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * The trials of one study held in memory, indexed by number, with the lookups an ask and the lease
 * sweep need without a scan: the WAITING trials, the RUNNING ones, and those of a worker. Trial
 * numbers are dense, so the trials sit in an array and a snapshot of all of them is one copy.
 * Beside each trial the table may keep the text it is stored as (the clustered store compares and
 * sets texts, and recognises its own writes coming back as events by them). Thread-safe; every
 * method holds the table's lock only for in-memory work.
 */
final class TrialTable {

  private Trial[] trials = new Trial[64];
  private String[] texts = new String[64];
  private int count;
  private final TreeSet<Integer> waiting = new TreeSet<>();
  private final TreeSet<Integer> running = new TreeSet<>();
  private final Map<String, TreeSet<Integer>> byWorker = new HashMap<>();

  synchronized Trial get(int number) {
    return number >= 0 && number < trials.length ? trials[number] : null;
  }

  /** The stored text of the trial, where the table was given one. */
  synchronized String text(int number) {
    return number >= 0 && number < texts.length ? texts[number] : null;
  }

  /** The stored text of {@code trial} if the table holds that very version with its text. */
  synchronized String textOf(Trial trial) {
    return trial.equals(get(trial.number())) ? text(trial.number()) : null;
  }

  /** Every trial, in number order. */
  synchronized List<Trial> all() {
    Trial[] out = new Trial[count];
    int n = 0;
    for (Trial t : trials) {
      if (t != null) {
        out[n++] = t;
      }
    }
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  /** The WAITING trials, in number order. */
  synchronized List<Trial> waiting() {
    return collect(waiting);
  }

  /** The RUNNING trials handed to {@code worker}, in number order. */
  synchronized List<Trial> running(String worker) {
    TreeSet<Integer> numbers = byWorker.get(worker);
    return numbers == null ? List.of() : collect(numbers);
  }

  /** Every RUNNING trial, in number order. */
  synchronized List<Trial> running() {
    return collect(running);
  }

  /** Stores {@code trial} under its number, whatever was there. */
  synchronized void put(Trial trial) {
    put(trial, null);
  }

  /** Stores {@code trial}, stored as {@code text}, under its number, whatever was there. */
  synchronized void put(Trial trial, String text) {
    int n = trial.number();
    if (n >= trials.length) {
      int length = Math.max(n + 1, trials.length * 2);
      trials = Arrays.copyOf(trials, length);
      texts = Arrays.copyOf(texts, length);
    }
    Trial old = trials[n];
    if (old == null) {
      count++;
    } else {
      unindex(old);
    }
    trials[n] = trial;
    texts[n] = text;
    index(trial);
  }

  /** Replaces {@code expected} by {@code next} if the table holds exactly {@code expected}. */
  synchronized boolean replace(Trial expected, Trial next) {
    if (!Objects.equals(get(next.number()), expected)) {
      return false;
    }
    put(next);
    return true;
  }

  /**
   * Stores {@code trial} unless the table holds a version further along (a later state, or more
   * intermediate values): events from a cluster may arrive out of order.
   */
  synchronized void advance(Trial trial, String text) {
    Trial old = get(trial.number());
    if (old == null || progress(trial) >= progress(old)) {
      put(trial, text);
    }
  }

  synchronized void remove(int number) {
    Trial old = get(number);
    if (old != null) {
      unindex(old);
      trials[number] = null;
      texts[number] = null;
      count--;
    }
  }

  private static long progress(Trial t) {
    int rank = t.state() == TrialState.WAITING ? 0 : t.state() == TrialState.RUNNING ? 1 : 2;
    return (long) rank << 32 | t.intermediate().size();
  }

  private void index(Trial t) {
    if (t.state() == TrialState.WAITING) {
      waiting.add(t.number());
    } else if (t.state() == TrialState.RUNNING) {
      running.add(t.number());
      if (t.worker() != null) {
        byWorker.computeIfAbsent(t.worker(), w -> new TreeSet<>()).add(t.number());
      }
    }
  }

  private void unindex(Trial t) {
    if (t.state() == TrialState.WAITING) {
      waiting.remove(t.number());
    } else if (t.state() == TrialState.RUNNING) {
      running.remove(t.number());
      TreeSet<Integer> numbers = t.worker() == null ? null : byWorker.get(t.worker());
      if (numbers != null && numbers.remove(t.number()) && numbers.isEmpty()) {
        byWorker.remove(t.worker());
      }
    }
  }

  private List<Trial> collect(TreeSet<Integer> numbers) {
    List<Trial> out = new ArrayList<>(numbers.size());
    numbers.forEach(n -> out.add(trials[n]));
    return out;
  }
}
