package org.hpofarm.mig.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides, as a burst window closes, which running trials may finish, which to checkpoint and stop,
 * and which to stop outright. Pure: it returns actions; the farm carries them out.
 *
 * @param checkpointTime how long saving a checkpoint takes: it starts that long before the end
 * @param grace how far past the window's end a nearly finished trial may run
 */
public record WindowEndPolicy(Duration checkpointTime, Duration grace) {

  public WindowEndPolicy {
    if (checkpointTime.isNegative()) {
      throw new IllegalArgumentException("windowEnd.checkpointTime: must not be negative");
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("windowEnd.grace: must not be negative");
    }
  }

  /** One action per running trial, earliest first. */
  public List<WindowEndAction> decide(Interval window, Instant now, List<RunningTrial> running) {
    Instant end = window.end();
    Instant checkpointAt = end.minus(checkpointTime);
    if (checkpointAt.isBefore(now)) {
      checkpointAt = now;
    }
    List<WindowEndAction> actions = new ArrayList<>();
    for (RunningTrial t : running) {
      if (t.expectedRemaining() != null) {
        Instant finish = now.plus(t.expectedRemaining());
        if (!finish.isAfter(end.plus(grace))) {
          actions.add(
              new WindowEndAction(
                  t, WindowEndAction.Kind.LET_FINISH, finish, "finishes by " + finish));
          continue;
        }
      }
      if (t.checkpointable()) {
        actions.add(
            new WindowEndAction(
                t,
                WindowEndAction.Kind.CHECKPOINT_AND_STOP,
                checkpointAt,
                "resumes from its checkpoint next window"));
      } else {
        actions.add(
            new WindowEndAction(
                t,
                WindowEndAction.Kind.STOP,
                end,
                "no checkpoint support: "
                    + Duration.between(t.started(), end).toMinutes()
                    + " minutes of work lost"));
      }
    }
    actions.sort(Comparator.comparing(WindowEndAction::at).thenComparing(a -> a.trial().trial()));
    return actions;
  }
}
