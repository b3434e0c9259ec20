package org.hpofarm.master.sampler.evolution;

import static org.hpofarm.master.core.Options.require;

import org.hpofarm.master.core.Options;

/**
 * The settings of the evolutionary sampler, as read from a study's {@code sampler.options}.
 *
 * @param popSize parents kept: the elite of the completed trials that children are bred from
 * @param nStartup random trials before the first child (by default {@code popSize})
 * @param tournament contestants per tournament, at most {@code popSize}
 * @param crossoverProb chance that a child mixes both parents rather than copying the first
 * @param eta SBX distribution index (larger: children closer to their parents)
 * @param mutationProb chance that a gene mutates (0: one over the number of parameters)
 * @param mutationScale Gaussian mutation scale relative to the population's spread of that gene
 */
public record EvolutionSettings(
    int popSize,
    int nStartup,
    int tournament,
    double crossoverProb,
    double eta,
    double mutationProb,
    double mutationScale) {

  /** The defaults, those of a study that gives no options. */
  public static final EvolutionSettings DEFAULTS =
      new EvolutionSettings(16, 16, 2, 0.5, 10, 0.5, 1);

  public EvolutionSettings {
    require(popSize >= 2, "sampler.popSize", "must be >= 2, got " + popSize);
    require(nStartup >= 0, "sampler.nStartup", "must be >= 0, got " + nStartup);
    require(
        tournament >= 1 && tournament <= popSize,
        "sampler.tournament",
        "must be in [1, " + popSize + "], got " + tournament);
    require(
        crossoverProb >= 0 && crossoverProb <= 1,
        "sampler.crossoverProb",
        "must be in [0, 1], got " + crossoverProb);
    require(eta >= 0 && Double.isFinite(eta), "sampler.eta", "must be >= 0, got " + eta);
    require(
        mutationProb >= 0 && mutationProb <= 1,
        "sampler.mutationProb",
        "must be in [0, 1], got " + mutationProb);
    require(
        mutationScale >= 0 && Double.isFinite(mutationScale),
        "sampler.mutationScale",
        "must be >= 0, got " + mutationScale);
  }

  /** Reads the options (every one optional), rejecting unknown names and bad values. */
  public static EvolutionSettings from(Options options) {
    options.allowOnly(
        "popSize",
        "nStartup",
        "tournament",
        "crossoverProb",
        "eta",
        "mutationProb",
        "mutationScale");
    EvolutionSettings d = DEFAULTS;
    int popSize = options.getInt("popSize", d.popSize(), 2, 100_000);
    return new EvolutionSettings(
        popSize,
        options.getInt("nStartup", popSize, 0, 1_000_000),
        options.getInt("tournament", d.tournament(), 1, popSize),
        options.getDouble("crossoverProb", d.crossoverProb(), 0, 1),
        options.getDouble("eta", d.eta(), 0, 1000),
        options.getDouble("mutationProb", d.mutationProb(), 0, 1),
        options.getDouble("mutationScale", d.mutationScale(), 0, 100));
  }
}
