package org.hpofarm.master.dashboard;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hpofarm.master.study.Page;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;

/**
 * What the trials table asks for: an optional state, a sort key and order, and a page. Sorting by
 * value puts trials without one last in either order.
 *
 * @param state only trials in this state; null for all
 * @param sort one of {@link #SORTS}
 */
public record TrialQuery(TrialState state, String sort, boolean descending, int offset, int limit) {

  /** The most rows a dashboard table asks for at once. */
  static final int MAX_LIMIT = 500;

  static final Set<String> SORTS = Set.of("number", "value", "state", "duration");

  public TrialQuery {
    sort = sort == null || sort.isEmpty() ? "number" : sort;
    if (!SORTS.contains(sort)) {
      throw new IllegalArgumentException("sort: one of " + SORTS + ", got '" + sort + "'");
    }
    Page.check(offset, limit, MAX_LIMIT);
  }

  /** Parses the {@code state} query parameter (any case; empty for all). */
  static TrialState state(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return TrialState.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "state: one of WAITING, RUNNING, COMPLETE, PRUNED, FAILED");
    }
  }

  /** The trials that match, in the asked order, one page, with how many match. */
  Page<Trial> page(List<Trial> trials) {
    Comparator<Trial> order =
        switch (sort) {
          case "value" ->
              Comparator.comparing(
                  TrialQuery::valueOf,
                  Comparator.nullsLast(
                      descending
                          ? Comparator.<Double>reverseOrder()
                          : Comparator.<Double>naturalOrder()));
          case "state" -> Comparator.comparing(Trial::state);
          case "duration" ->
              Comparator.comparing(
                  TrialQuery::durationOf,
                  Comparator.nullsLast(
                      descending
                          ? Comparator.<Long>reverseOrder()
                          : Comparator.<Long>naturalOrder()));
          default -> Comparator.comparingInt(Trial::number);
        };
    if (descending && (sort.equals("number") || sort.equals("state"))) {
      order = order.reversed();
    }
    List<Trial> sorted =
        trials.stream()
            .filter(t -> state == null || t.state() == state)
            .sorted(order.thenComparingInt(Trial::number))
            .toList();
    return Page.of(sorted, offset, limit, MAX_LIMIT);
  }

  private static Double valueOf(Trial t) {
    return Double.isFinite(t.value()) ? t.value() : null;
  }

  /** Milliseconds from start to finish, or null while unfinished. */
  static Long durationOf(Trial t) {
    return t.started() == null || t.finished() == null
        ? null
        : t.finished().toEpochMilli() - t.started().toEpochMilli();
  }
}
