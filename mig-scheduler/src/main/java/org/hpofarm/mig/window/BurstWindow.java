package org.hpofarm.mig.window;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A weekly burst window, such as {@code FRI 20:00} to {@code MON 06:00} in {@code Europe/Rome}:
 * wall-clock times in a zone, so a weekend that crosses a daylight-saving change is an hour shorter
 * (March) or longer (October) in real time.
 */
public record BurstWindow(WeeklyTime start, WeeklyTime end, ZoneId zone) {

  /*
   * Local times are resolved with ZonedDateTime.ofLocal: a time inside a spring-forward gap moves
   * forward by the gap (02:30 becomes 03:30), a time inside an autumn overlap takes the earlier
   * offset (the first 02:30). A window whose end equals its start lasts a whole week.
   */

  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Rome");

  public BurstWindow {
    if (start == null || end == null || zone == null) {
      throw new IllegalArgumentException("window: start, end and zone must be given");
    }
  }

  /** The usual weekend: Friday 20:00 to Monday 06:00, Europe/Rome. */
  public static BurstWindow weekend() {
    return parse("FRI 20:00", "MON 06:00", DEFAULT_ZONE.getId());
  }

  public static BurstWindow parse(String start, String end, String zone) {
    ZoneId zoneId;
    try {
      zoneId = zone == null || zone.isBlank() ? DEFAULT_ZONE : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("window.zone: unknown zone " + zone);
    }
    return new BurstWindow(
        WeeklyTime.parse("window.start", start), WeeklyTime.parse("window.end", end), zoneId);
  }

  /** The occurrence that contains {@code t}, if any. */
  public Optional<Interval> containing(Instant t) {
    Interval latest = latestStartingBy(t);
    return latest.contains(t) ? Optional.of(latest) : Optional.empty();
  }

  /** The first occurrence that starts after {@code t}. */
  public Interval next(Instant t) {
    LocalDate date = t.atZone(zone).toLocalDate();
    for (int k = 0; k <= 14; k++) {
      LocalDate d = date.plusDays(k);
      if (d.getDayOfWeek() == start.day()) {
        Interval candidate = occurrence(d);
        if (candidate.start().isAfter(t)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("no window start within two weeks of " + t);
  }

  /** The occurrence containing {@code t}, or else the next one. */
  public Interval currentOrNext(Instant t) {
    return containing(t).orElseGet(() -> next(t));
  }

  /** The occurrence that starts on a given local date (which must be the start day). */
  public Interval occurrence(LocalDate startDate) {
    if (startDate.getDayOfWeek() != start.day()) {
      throw new IllegalArgumentException("window: " + startDate + " is not a " + start.day());
    }
    long days = (end.day().getValue() - start.day().getValue() + 7) % 7;
    if (days == 0 && !end.time().isAfter(start.time())) {
      days = 7;
    }
    Instant from = resolve(startDate.atTime(start.time()));
    Instant until = resolve(startDate.plus(days, ChronoUnit.DAYS).atTime(end.time()));
    return new Interval(from, until);
  }

  private Interval latestStartingBy(Instant t) {
    LocalDate date = t.atZone(zone).toLocalDate();
    for (int k = 0; k <= 14; k++) {
      LocalDate d = date.minusDays(k);
      if (d.getDayOfWeek() == start.day()) {
        Interval candidate = occurrence(d);
        if (!candidate.start().isAfter(t)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("no window start within two weeks before " + t);
  }

  private Instant resolve(LocalDateTime local) {
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }
}
