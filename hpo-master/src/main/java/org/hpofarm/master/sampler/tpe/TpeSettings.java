package org.hpofarm.master.sampler.tpe;

import static org.hpofarm.master.core.Options.require;

import org.hpofarm.master.core.Options;

/**
 * The settings of the tree-structured Parzen estimator, as read from a study's {@code
 * sampler.options}.
 *
 * @param nStartup completed (or pruned) trials sampled at random before the model is used
 * @param nCandidates points drawn from the good density l(x) per ask; the one with the highest
 *     l(x)/g(x) is proposed
 * @param gamma fraction of the finished trials that forms the good set
 * @param maxGood upper bound of the good set's size (gamma(n) = min(ceil(gamma * n), maxGood))
 * @param multivariate model the always-active parameters jointly (product kernels) instead of one
 *     density per parameter; conditional parameters are always modelled one by one
 * @param constantLiar count pending (WAITING/RUNNING) trials as bad observations
 * @param priorWeight weight of the uniform-like prior component in both densities
 * @param maxBad the bad set keeps at most this many of the most recent trials (older ones are
 *     dropped), which bounds the ask cost as a study grows
 */
public record TpeSettings(
    int nStartup,
    int nCandidates,
    double gamma,
    int maxGood,
    boolean multivariate,
    boolean constantLiar,
    double priorWeight,
    int maxBad) {

  /** The defaults, those of a study that gives no options. */
  public static final TpeSettings DEFAULTS =
      new TpeSettings(10, 24, 0.10, 25, true, true, 1.0, 1000);

  public TpeSettings {
    require(nStartup >= 0, "sampler.nStartup", "must be >= 0, got " + nStartup);
    require(nCandidates >= 1, "sampler.nCandidates", "must be >= 1, got " + nCandidates);
    require(gamma > 0 && gamma <= 1, "sampler.gamma", "must be in (0, 1], got " + gamma);
    require(maxGood >= 1, "sampler.maxGood", "must be >= 1, got " + maxGood);
    require(
        priorWeight > 0 && Double.isFinite(priorWeight),
        "sampler.priorWeight",
        "must be > 0, got " + priorWeight);
    require(maxBad >= 1, "sampler.maxBad", "must be >= 1, got " + maxBad);
  }

  /** Reads the options (every one optional), rejecting unknown names and bad values. */
  public static TpeSettings from(Options options) {
    options.allowOnly(
        "nStartup",
        "nCandidates",
        "gamma",
        "maxGood",
        "multivariate",
        "constantLiar",
        "priorWeight",
        "maxBad");
    TpeSettings d = DEFAULTS;
    return new TpeSettings(
        options.getInt("nStartup", d.nStartup(), 0, 1_000_000),
        options.getInt("nCandidates", d.nCandidates(), 1, 100_000),
        options.getDouble("gamma", d.gamma(), 1e-9, 1),
        options.getInt("maxGood", d.maxGood(), 1, 1_000_000),
        options.getBoolean("multivariate", d.multivariate()),
        options.getBoolean("constantLiar", d.constantLiar()),
        options.getDouble("priorWeight", d.priorWeight(), 1e-9, 1e9),
        options.getInt("maxBad", d.maxBad(), 1, 10_000_000));
  }

  /** The size of the good set among {@code finished} ranked trials. */
  int goodCount(int finished) {
    return (int) Math.min(maxGood, Math.ceil(gamma * finished));
  }
}
