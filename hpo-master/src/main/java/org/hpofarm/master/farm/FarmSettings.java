package org.hpofarm.master.farm;

import java.time.Duration;
import org.hpofarm.mig.slice.FarmDescription;
import org.hpofarm.mig.window.BurstWindow;

/**
 * How the master runs its farm: the burst window it reports, how long a slice stays lent to a trial
 * without news from its agent, and an optional simulated in-process agent.
 *
 * @param simulate a simulated farm description ({@code cpu:1:2}, {@code a100-40gb:25:7x1g.5gb}), or
 *     null for none
 * @param parallelism how many trials the simulated agent runs at once on this machine's CPU
 * @param poll how often the simulated agent asks for work when nothing else wakes it
 */
public record FarmSettings(
    BurstWindow window, Duration sliceLease, String simulate, int parallelism, Duration poll) {

  public FarmSettings {
    if (window == null) {
      throw new IllegalArgumentException("farm.window: must be given");
    }
    if (sliceLease == null || sliceLease.isNegative() || sliceLease.isZero()) {
      throw new IllegalArgumentException("farm.sliceLease: must be positive, got " + sliceLease);
    }
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException(
          "farm.parallelism: must be in [1, 256], got " + parallelism);
    }
    if (poll == null || poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("farm.poll: must be positive, got " + poll);
    }
    if (simulate != null && simulate.isBlank()) {
      simulate = null;
    }
    if (simulate != null) {
      try {
        FarmDescription.parse(simulate);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("farm.simulate: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The defaults: the weekend window FRI 20:00 - MON 06:00 Europe/Rome, slices lent for ten minutes
   * past an agent's last call, no simulated agent.
   */
  public static FarmSettings defaults() {
    return new FarmSettings(
        BurstWindow.weekend(),
        Duration.ofMinutes(10),
        null,
        Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())),
        Duration.ofSeconds(2));
  }

  /** The same settings with a simulated agent on {@code description}. */
  public FarmSettings simulating(String description) {
    return new FarmSettings(window, sliceLease, description, parallelism, poll);
  }

  /** The same settings with another parallelism and poll interval for the simulated agent. */
  public FarmSettings pacing(int parallelism, Duration poll) {
    return new FarmSettings(window, sliceLease, simulate, parallelism, poll);
  }
}
