package org.hpofarm.mig.sim;

import java.time.LocalDate;
import org.hpofarm.mig.window.BurstWindow;

/**
 * What to simulate: a farm of {@code gpus} GPUs of one model, each in the same MIG layout, and a
 * burst of {@code trials} trials from {@code studies} equal studies, in the window that opens on
 * {@code weekend} (a date of the window's start day). With a {@code campaignShare}, the last study
 * is a campaign holding a reservation of that share of the farm during the window.
 */
public record SimulationSpec(
    String model,
    int gpus,
    String layout,
    int trials,
    int studies,
    Durations durations,
    long seed,
    BurstWindow window,
    LocalDate weekend,
    double campaignShare,
    int groupSize) {

  public SimulationSpec {
    if (gpus < 1) {
      throw new IllegalArgumentException("gpus: must be positive, got " + gpus);
    }
    if (trials < 1) {
      throw new IllegalArgumentException("trials: must be positive, got " + trials);
    }
    if (!(campaignShare >= 0 && campaignShare <= 1)) {
      throw new IllegalArgumentException("campaignShare: must be in [0, 1], got " + campaignShare);
    }
    if (groupSize < 1) {
      throw new IllegalArgumentException("groupSize: must be at least 1, got " + groupSize);
    }
    if (studies < 1 || studies > trials) {
      throw new IllegalArgumentException("studies: must be between 1 and trials, got " + studies);
    }
  }

  /** The farm description, e.g. {@code a100-40gb:13824:7x1g.5gb}. */
  public String farm() {
    return model + ":" + gpus + ":" + layout;
  }
}
