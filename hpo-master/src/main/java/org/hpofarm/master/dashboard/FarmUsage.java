package org.hpofarm.master.dashboard;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.hpofarm.master.farm.FarmService;
import org.hpofarm.master.farm.FarmState;

/**
 * The farm's utilisation over time, as this master saw it: how many slices were busy out of how
 * many, sampled every {@link #EVERY_SECONDS} seconds ({@link #sample}, called by the master's
 * scheduler) and kept for a day.
 */
public final class FarmUsage {

  /** Seconds between samples. */
  public static final int EVERY_SECONDS = 10;

  /** Samples kept: a day's. */
  static final int KEPT = 24 * 3600 / EVERY_SECONDS;

  /** Points a chart gets at most. */
  static final int POINTS = 720;

  /**
   * One sample.
   *
   * @param at epoch milliseconds
   */
  public record Sample(long at, int busy, int slices) {}

  private final FarmService farm;
  private final InstantSource clock;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  public FarmUsage(FarmService farm, InstantSource clock) {
    this.farm = farm;
    this.clock = clock;
  }

  /** Takes one sample of the farm now. */
  public void sample() {
    FarmState state = farm.state();
    int busy = (int) state.slices().stream().filter(s -> s.study() != null).count();
    Sample s = new Sample(clock.millis(), busy, state.slices().size());
    synchronized (samples) {
      samples.addLast(s);
      while (samples.size() > KEPT) {
        samples.removeFirst();
      }
    }
  }

  /** The samples kept, oldest first, at most {@link #POINTS} (evenly spaced). */
  List<Sample> samples() {
    List<Sample> all;
    synchronized (samples) {
      all = new ArrayList<>(samples);
    }
    return Downsample.stride(all, POINTS);
  }
}
