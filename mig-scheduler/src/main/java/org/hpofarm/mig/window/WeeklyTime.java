package org.hpofarm.mig.window;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A day of the week and a local time, written {@code FRI 20:00}. */
public record WeeklyTime(DayOfWeek day, LocalTime time) {
  public WeeklyTime {
    if (day == null || time == null) {
      throw new IllegalArgumentException("window: day and time must both be given");
    }
  }

  /** Parses {@code FRI 20:00} (three-letter or full day name, any case). */
  public static WeeklyTime parse(String field, String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          field + ": expected 'DAY HH:MM' such as 'FRI 20:00', got " + text);
    }
    DayOfWeek day = null;
    String d = parts[0].toUpperCase(Locale.ROOT);
    for (DayOfWeek candidate : DayOfWeek.values()) {
      if (candidate.name().equals(d) || (d.length() == 3 && candidate.name().startsWith(d))) {
        day = candidate;
      }
    }
    if (day == null) {
      throw new IllegalArgumentException(field + ": unknown day " + parts[0]);
    }
    try {
      return new WeeklyTime(day, LocalTime.parse(parts[1]));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": bad time " + parts[1] + " (HH:MM)");
    }
  }

  @Override
  public String toString() {
    return day.name().substring(0, 3) + " " + time;
  }
}
