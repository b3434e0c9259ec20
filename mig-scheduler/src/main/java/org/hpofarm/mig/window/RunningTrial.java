package org.hpofarm.mig.window;

import java.time.Duration;
import java.time.Instant;

/**
 * A trial running in a burst window, as the end-of-window decision sees it.
 *
 * @param expectedRemaining how long it still needs, or {@code null} when unknown
 * @param checkpointable whether its executor can save and resume it
 */
public record RunningTrial(
    String study,
    long trial,
    String slice,
    Instant started,
    Duration expectedRemaining,
    boolean checkpointable) {}
