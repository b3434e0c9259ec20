package org.hpofarm.mig.window;

import java.time.Instant;

/** What to do with one running trial as a window closes, and when. */
public record WindowEndAction(RunningTrial trial, Kind kind, Instant at, String reason) {

  /** The three outcomes for a trial at a window's end. */
  public enum Kind {
    /** It finishes within the grace period: leave it alone. */
    LET_FINISH,
    /** Save a checkpoint at {@code at}, then stop; it resumes in the next window. */
    CHECKPOINT_AND_STOP,
    /** Stop at the window's end; its work is lost (no checkpoint support). */
    STOP
  }
}
