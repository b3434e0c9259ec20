package org.hpofarm.master.sampler.auto;

import static org.hpofarm.master.core.Options.require;

import org.hpofarm.master.core.Options;

/**
 * The settings of the auto sampler, as read from a study's {@code sampler.options}: the limits
 * beyond which it prefers another sampler to the Gaussian process.
 *
 * @param gpMaxDims above this many GP input coordinates (one-hot categoricals included), {@code
 *     tpe} instead of {@code gp}
 * @param gpMaxTrials above this many completed trials, {@code cmaes} (numeric spaces) or {@code
 *     tpe} instead of {@code gp}
 */
public record AutoSettings(int gpMaxDims, int gpMaxTrials) {

  /** The defaults, those of a study that gives no options. */
  public static final AutoSettings DEFAULTS = new AutoSettings(32, 2_000);

  public AutoSettings {
    require(gpMaxDims >= 1, "sampler.gpMaxDims", "must be >= 1, got " + gpMaxDims);
    require(gpMaxTrials >= 1, "sampler.gpMaxTrials", "must be >= 1, got " + gpMaxTrials);
  }

  /** Reads the options (every one optional), rejecting unknown names and bad values. */
  public static AutoSettings from(Options options) {
    options.allowOnly("gpMaxDims", "gpMaxTrials");
    AutoSettings d = DEFAULTS;
    return new AutoSettings(
        options.getInt("gpMaxDims", d.gpMaxDims(), 1, 10_000),
        options.getInt("gpMaxTrials", d.gpMaxTrials(), 1, 10_000_000));
  }
}
