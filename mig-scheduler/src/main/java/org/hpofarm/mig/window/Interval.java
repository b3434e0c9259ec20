package org.hpofarm.mig.window;

import java.time.Duration;
import java.time.Instant;

/** A half-open span of time {@code [start, end)}. */
public record Interval(Instant start, Instant end) {
  public Interval {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "interval.end: must be after start " + start + ", got " + end);
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  public Duration duration() {
    return Duration.between(start, end);
  }
}
