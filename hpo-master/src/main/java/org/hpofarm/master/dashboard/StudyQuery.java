package org.hpofarm.master.dashboard;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hpofarm.master.study.Page;

/**
 * What the studies page asks for: a text filter on name, owner and id, a sort key and order, and a
 * page. Sorting by best puts studies without a best value last in either order.
 *
 * @param filter case-insensitive substring of the name, owner or id; empty for all
 * @param sort one of {@link #SORTS}
 */
public record StudyQuery(String filter, String sort, boolean descending, int offset, int limit) {

  /** The most rows a dashboard table asks for at once. */
  static final int MAX_LIMIT = 500;

  static final Set<String> SORTS = Set.of("name", "owner", "created", "trials", "best");

  public StudyQuery {
    filter = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    sort = sort == null || sort.isEmpty() ? "created" : sort;
    if (!SORTS.contains(sort)) {
      throw new IllegalArgumentException("sort: one of " + SORTS + ", got '" + sort + "'");
    }
    Page.check(offset, limit, MAX_LIMIT);
  }

  boolean matches(StudyRow row) {
    return filter.isEmpty()
        || row.name().toLowerCase(Locale.ROOT).contains(filter)
        || row.owner().toLowerCase(Locale.ROOT).contains(filter)
        || row.id().toLowerCase(Locale.ROOT).contains(filter);
  }

  /** The rows that match, in the asked order, one page, with how many match. */
  Page<StudyRow> page(List<StudyRow> rows) {
    Comparator<StudyRow> order =
        switch (sort) {
          case "name" -> Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT));
          case "owner" -> Comparator.comparing(StudyRow::owner);
          case "trials" -> Comparator.comparingInt(StudyRow::trials);
          case "best" ->
              Comparator.comparing(
                  StudyRow::best,
                  Comparator.nullsLast(
                      descending
                          ? Comparator.<Double>reverseOrder()
                          : Comparator.<Double>naturalOrder()));
          default -> Comparator.comparing(StudyRow::created);
        };
    if (descending && !sort.equals("best")) {
      order = order.reversed();
    }
    List<StudyRow> sorted =
        rows.stream().filter(this::matches).sorted(order.thenComparing(StudyRow::id)).toList();
    return Page.of(sorted, offset, limit, MAX_LIMIT);
  }
}
